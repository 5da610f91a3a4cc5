"use client";
// Opens the dialog the editor's state names (delete, root cause, move, evidence) for its cause and
// runs the server action each one confirms; the dialogs themselves are in why-dialogs.tsx.
import type { Dispatch } from "react";
import {
  addEvidenceLinkAction,
  citeTimelineEventAction,
  moveWhyNodeAction,
  removeEvidenceAction,
  setWhyRootCauseAction,
} from "@/lib/whys/actions";
import { moveTargets, subtreeIds, visibleRows } from "@/lib/whys/tree";
import type { WhyEditorNode, WhySession } from "@/lib/whys/types";
import type { EditorEvent, EditorState } from "./editor-reducer";
import { firstError, quote } from "./results";
import type { RunAction } from "./use-why-editor";
import { DeleteDialog, EvidenceDialog, MoveDialog, RootCauseDialog } from "./why-dialogs";
import type { EditorNode } from "./why-tree";

export function WhyDialogHost({
  state,
  dispatch,
  run,
  roots,
  byId,
  treeNodeById,
  onConfirmDelete,
}: {
  state: EditorState;
  dispatch: Dispatch<EditorEvent>;
  run: RunAction;
  roots: EditorNode[];
  byId: Map<string, WhyEditorNode>;
  treeNodeById: Map<string, EditorNode>;
  onConfirmDelete: () => void;
}) {
  const { dialog, dialogErrors, pending } = state;
  const session: WhySession = state.session;
  const node = dialog ? byId.get(dialog.nodeId) : undefined;
  if (!dialog || !node) return null;
  const incidentId = session.incidentId;
  const close = () => dispatch({ type: "close-dialog" });
  const announce = (text: string) => dispatch({ type: "notify", announce: text });
  const setErrors = (errors: Record<string, string[] | undefined> | undefined) =>
    dispatch({ type: "dialog-errors", errors });

  switch (dialog.kind) {
    case "delete":
      return (
        <DeleteDialog
          statement={node.statement}
          count={subtreeIds(session.nodes, node.id).size}
          pending={pending}
          onConfirm={onConfirmDelete}
          onClose={close}
        />
      );
    case "root":
      return (
        <RootCauseDialog
          statement={node.statement}
          isRootCause={node.isRootCause}
          category={node.category}
          pending={pending}
          errors={dialogErrors?.category ?? dialogErrors?._form}
          onClose={close}
          onSave={async (isRootCause, category) => {
            const result = await run(
              setWhyRootCauseAction({
                incidentId,
                nodeId: node.id,
                version: node.version,
                isRootCause,
                category,
              }),
            );
            if (!result.ok) {
              setErrors({ _form: [firstError(result, "category")] });
              return;
            }
            announce(
              isRootCause
                ? `Marked as root cause: ${category ? category.toLowerCase().replace(/_/g, " ") : ""}.`
                : "No longer a root cause.",
            );
            close();
          }}
        />
      );
    case "move": {
      const allowed = new Set(moveTargets(session.nodes, node.id).map((n) => n.id));
      const targets = [
        ...(node.parentId !== null
          ? [{ id: null, label: "Top level: directly under the problem", level: 0 }]
          : []),
        ...visibleRows(roots, new Set())
          .filter((r) => allowed.has(r.node.id))
          .map((r) => ({
            id: r.node.id as string | null,
            label: r.node.statement.slice(0, 100),
            level: r.level,
          })),
      ];
      return (
        <MoveDialog
          statement={node.statement}
          targets={targets}
          pending={pending}
          errors={dialogErrors?._form}
          onClose={close}
          onMove={async (parentId) => {
            const result = await run(
              moveWhyNodeAction({ incidentId, nodeId: node.id, newParentId: parentId }),
            );
            if (!result.ok) {
              setErrors({ _form: [firstError(result, "newParentId")] });
              return;
            }
            if (parentId) dispatch({ type: "expand", id: parentId });
            const target = parentId ? byId.get(parentId) : null;
            announce(`Moved under ${target ? quote(target.statement, 60) : "the problem"}.`);
            close();
          }}
        />
      );
    }
    case "evidence":
      return (
        <EvidenceDialog
          statement={node.statement}
          evidence={treeNodeById.get(node.id)?.evidence ?? node.evidence}
          events={session.events}
          pending={pending}
          errors={dialogErrors}
          onClose={close}
          onCite={async (timelineEventId) => {
            const result = await run(
              citeTimelineEventAction({ incidentId, nodeId: node.id, timelineEventId }),
            );
            setErrors(
              result.ok ? undefined : { timelineEventId: [firstError(result, "timelineEventId")] },
            );
            announce(result.ok ? "Timeline event cited." : result.message);
          }}
          onAddLink={async (url, label) => {
            const result = await run(
              addEvidenceLinkAction({
                incidentId,
                nodeId: node.id,
                url,
                label: label || undefined,
              }),
            );
            setErrors(result.ok ? undefined : { url: [firstError(result, "url")] });
            announce(result.ok ? "Link added." : firstError(result, "url"));
          }}
          onRemove={async (evidenceId) => {
            const result = await run(removeEvidenceAction({ incidentId, evidenceId }));
            announce(result.ok ? "Citation removed." : result.message);
          }}
        />
      );
  }
}
