"use client";
import { useEffect } from "react";
import { nodeDomId } from "@/components/whys/why-tree";

/**
 * Opens the 5 Whys at one statement (a search hit, a "happened before" link): moves focus to
 * that row once the tree has rendered, which also scrolls it into view and makes it the
 * tree's current row for the keyboard.
 */
export function FocusWhyNode({ nodeId }: { nodeId: string }) {
  useEffect(() => {
    const row = document.getElementById(nodeDomId(nodeId));
    if (!row) return;
    row.focus();
    row.scrollIntoView({ block: "center" });
  }, [nodeId]);
  return null;
}
