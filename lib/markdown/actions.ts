"use server";
// The live preview beside Markdown fields renders on the server with the report's own
// renderer (lib/markdown/render.ts): marked + sanitize-html would add about 310 KB (112 KB
// gzipped) of JavaScript to every page with a Markdown field (docs/decisions.md).
import { defineAction } from "@/lib/server/action";
import { renderMarkdownCached } from "./cache";
import { markdownProblem } from "./limits";
import { markdownPreviewSchema } from "./preview-schema";

/**
 * Renders what the author is typing exactly as readers will see it. Only people who write
 * the team's Markdown (editors and owners) may call it; it reads and stores nothing.
 */
export const previewMarkdownAction = defineAction({
  permission: "incident:write",
  input: markdownPreviewSchema,
  run: async ({ input }) => ({
    html: renderMarkdownCached(input.markdown),
    // Text beyond the renderer's limits is shown as plain text; say why, as saving would.
    problem: markdownProblem(input.markdown),
  }),
});
