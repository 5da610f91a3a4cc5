"use client";
// Runs the 5 Whys editor: the pure state machine (editor-reducer.ts) plus what it cannot do itself —
// server actions, live updates from teammates, moving DOM focus — and the tree's derived rows.
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import {
  createWhyNodeAction,
  deleteWhyNodeAction,
  reorderWhyNodeAction,
  restoreWhyNodesAction,
  updateWhyStatementAction,
  type WhyChangeResult,
} from "@/lib/whys/actions";
import { analyzeTree } from "@/lib/whys/quality";
import { statementSchema } from "@/lib/whys/schema";
import { buildTree, subtreeIds, visibleRows } from "@/lib/whys/tree";
import type { WhySession } from "@/lib/whys/types";
import {
  draftKeyCommand,
  draftPosition,
  editorReducer,
  initialEditorState,
  neighbourAfterDelete,
  treeKeyCommand,
  type DialogKind,
  type EditorEvent,
} from "./editor-reducer";
import { call, firstError, quote } from "./results";
import { useLiveWhys } from "./use-live-whys";
import { nodeDomId, type EditorNode, type TreeRowModel, type TreeShared } from "./why-tree";

export type RunAction = (
  promise: Promise<ActionResult<WhyChangeResult>>,
) => Promise<ActionResult<WhyChangeResult>>;
export type GuidedCommand = DialogKind | "edit" | "up" | "down";

export function useWhyEditor(initial: WhySession, canEdit: boolean) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    initialEditorState(initial, canEdit),
  );
  const { session, collapsed, editing } = state;
  const incidentId = session.incidentId;
  // Read by the live stream and by handlers that must see the newest state without re-binding.
  const versionRef = useRef(initial.whysVersion);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  const pendingRef = useRef(false);

  const takeSession = useCallback((next: WhySession, from: "us" | "teammate") => {
    if (next.whysVersion < versionRef.current) return;
    versionRef.current = next.whysVersion;
    dispatch({ type: "session", session: next, from });
  }, []);

  const liveStatus = useLiveWhys(
    incidentId,
    () => versionRef.current,
    useCallback(
      (next: WhySession) => {
        if (next.whysVersion > versionRef.current) takeSession(next, "teammate");
      },
      [takeSession],
    ),
  );

  // ---------- derived ----------
  const roots = useMemo(() => buildTree(session.nodes), [session.nodes]);
  const byId = useMemo(() => new Map(session.nodes.map((n) => [n.id, n])), [session.nodes]);
  const countermeasures = useMemo(
    () =>
      Object.fromEntries(Object.entries(session.actions).map(([id, list]) => [id, list.length])),
    [session.actions],
  );
  const analysis = useMemo(
    () => analyzeTree(roots, { memberNames: session.memberNames, countermeasures }),
    [roots, session.memberNames, countermeasures],
  );
  const rows: TreeRowModel[] = useMemo(
    () =>
      visibleRows(roots, collapsed).map((r) => ({
        node: r.node,
        level: r.level,
        posInSet: r.posInSet,
        setSize: r.setSize,
        expanded: r.node.children.length ? !collapsed.has(r.node.id) : undefined,
      })),
    [roots, collapsed],
  );
  const navRows = useMemo(
    () =>
      rows.map((r) => ({
        id: r.node.id,
        parentId: r.node.parentId,
        expanded: r.expanded,
        level: r.level,
      })),
    [rows],
  );
  const rowIds = useMemo(() => new Set(navRows.map((r) => r.id)), [navRows]);
  const eventsById = useMemo(() => new Map(session.events.map((e) => [e.id, e])), [session.events]);
  const treeNodeById = useMemo(() => {
    const map = new Map<string, EditorNode>();
    const stack = [...roots];
    while (stack.length) {
      const n = stack.pop()!;
      map.set(n.id, n);
      stack.push(...n.children);
    }
    return map;
  }, [roots]);
  const draftAt = useMemo(() => draftPosition(editing, navRows), [editing, navRows]);

  // The roving tabindex needs exactly one focusable item, even after a teammate deleted ours.
  const current =
    state.focusedId && rowIds.has(state.focusedId) ? state.focusedId : (rows[0]?.node.id ?? null);

  const focusedOnce = useRef(0);
  useEffect(() => {
    const request = state.focusRequest;
    if (!request || request.seq === focusedOnce.current) return;
    focusedOnce.current = request.seq;
    document.getElementById(nodeDomId(request.id))?.focus();
  }, [state.focusRequest]);

  // ---------- server actions ----------
  const run: RunAction = useCallback(
    async (promise) => {
      pendingRef.current = true;
      dispatch({ type: "pending", pending: true });
      const result = await call(promise);
      pendingRef.current = false;
      dispatch({ type: "pending", pending: false });
      if (result.ok && result.data) takeSession(result.data.session, "us");
      return result;
    },
    [takeSession],
  );

  const saveDraft = useCallback(
    async (then: "stay" | "child" | "sibling") => {
      const { editing: e, session: now } = stateRef.current;
      if (!e || pendingRef.current) return;
      const parsed = statementSchema.safeParse(e.draft);
      if (!parsed.success) {
        const message = parsed.error.issues[0].message;
        dispatch({ type: "save-refused", editing: e, message, announce: message });
        return;
      }
      let result: ActionResult<WhyChangeResult>;
      let parentId: string | null;
      if (e.mode === "edit") {
        const node = now.nodes.find((n) => n.id === e.nodeId);
        parentId = node?.parentId ?? null;
        result =
          node && node.statement === parsed.data && node.version === e.baseVersion
            ? { ok: true, data: { session: now, nodeId: node.id } }
            : await run(
                updateWhyStatementAction({
                  incidentId,
                  nodeId: e.nodeId,
                  version: e.baseVersion,
                  statement: parsed.data,
                }),
              );
      } else {
        parentId = e.parentId;
        result = await run(
          createWhyNodeAction({
            incidentId,
            parentId: e.parentId,
            afterId: e.afterId,
            statement: parsed.data,
          }),
        );
      }
      if (!result.ok) {
        if (result.conflict) {
          const theirs = result.conflict.current as { version: number };
          const message = `${result.message} Press Enter to replace it with your text, or Esc to keep theirs.`;
          dispatch({
            type: "save-refused",
            editing: e,
            message,
            announce: result.message,
            baseVersion: e.mode === "edit" ? theirs.version : undefined,
          });
        } else {
          dispatch({
            type: "save-refused",
            editing: e,
            message: firstError(result, "statement"),
            announce: result.message,
          });
        }
        return;
      }
      dispatch({ type: "saved", editing: e, then, savedId: result.data?.nodeId ?? null, parentId });
    },
    [incidentId, run],
  );

  const reorder = useCallback(
    async (id: string, direction: "up" | "down") => {
      const result = await run(reorderWhyNodeAction({ incidentId, nodeId: id, direction }));
      if (result.ok) {
        const node = stateRef.current.session.nodes.find((n) => n.id === id);
        dispatch({
          type: "notify",
          focus: id,
          announce: `Moved ${direction}: ${node ? quote(node.statement, 60) : "cause"}.`,
        });
      } else {
        dispatch({
          type: "notify",
          announce: result.message,
          toast: { message: result.message, tone: "error" },
        });
      }
    },
    [incidentId, run],
  );

  const undoDelete = useCallback(
    async (deletionId: string) => {
      const result = await run(restoreWhyNodesAction({ incidentId, deletionId }));
      if (result.ok) {
        const message = result.message ?? "Restored.";
        dispatch({
          type: "notify",
          toast: { message, tone: "info" },
          announce: message,
          focus: result.data?.nodeId,
        });
      } else {
        dispatch({
          type: "notify",
          toast: { message: result.message, tone: "error" },
          announce: result.message,
        });
      }
    },
    [incidentId, run],
  );

  const confirmDelete = useCallback(async () => {
    const dialog = stateRef.current.dialog;
    if (!dialog) return;
    const id = dialog.nodeId;
    const neighbour = neighbourAfterDelete(
      navRows,
      id,
      subtreeIds(stateRef.current.session.nodes, id),
    );
    const result = await run(deleteWhyNodeAction({ incidentId, nodeId: id }));
    if (result.ok) {
      const toast = {
        message: result.message ?? "Deleted.",
        tone: "info" as const,
        deletionId: result.data?.deletionId,
      };
      dispatch({
        type: "notify",
        closeDialog: true,
        toast,
        announce: `${result.message} Press Ctrl+Z in the tree or choose Undo to restore.`,
        focus: neighbour,
      });
    } else {
      dispatch({
        type: "notify",
        closeDialog: true,
        toast: { message: result.message, tone: "error" },
        announce: result.message,
        focus: id,
      });
    }
  }, [incidentId, navRows, run]);

  // ---------- stable row handlers ----------
  // Rows get handlers that never change identity (they read the latest logic through a ref), so a
  // save does not re-render every memoized row.
  const latest = useRef({ saveDraft });
  useEffect(() => {
    latest.current = { saveDraft };
  });
  const onDraftKey = useCallback((event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    const command = draftKeyCommand(event);
    if (!command) return;
    event.preventDefault();
    if (command === "cancel") dispatch({ type: "cancel-edit" });
    else
      void latest.current.saveDraft(
        command === "save" ? "stay" : command === "save-and-add-sibling" ? "sibling" : "child",
      );
  }, []);
  const onDraftChange = useCallback(
    (key: number, draft: string) => dispatch({ type: "draft-change", key, draft }),
    [],
  );
  const onToggle = useCallback((id: string) => dispatch({ type: "toggle", id }), []);
  const onFocusNode = useCallback((id: string) => dispatch({ type: "focus", id, move: false }), []);
  const shared: TreeShared = useMemo(
    () => ({
      incidentId,
      canEdit,
      events: eventsById,
      memberNames: session.memberNames,
      onFocusNode,
      onToggle,
      onDraftChange,
      onDraftKey,
    }),
    [
      incidentId,
      canEdit,
      eventsById,
      session.memberNames,
      onFocusNode,
      onToggle,
      onDraftChange,
      onDraftKey,
    ],
  );

  // ---------- keyboard ----------
  const toastDeletionId = state.toast?.deletionId;
  const onTreeKey = useCallback(
    (event: React.KeyboardEvent<HTMLUListElement>) => {
      const target = event.target as HTMLElement;
      if (target.getAttribute("role") !== "treeitem" || !current) return;
      const node = byId.get(current);
      if (!node) return;
      const command = treeKeyCommand(event, { canEdit, canUndo: Boolean(toastDeletionId) });
      if (!command) return;
      event.preventDefault();
      const send = (e: EditorEvent) => dispatch(e);
      switch (command) {
        case "next":
        case "previous":
        case "first":
        case "last":
        case "right":
        case "left":
          return send({ type: "navigate", command, current, rows: navRows });
        case "reorder-up":
        case "reorder-down":
          if (canEdit) void reorder(node.id, command === "reorder-up" ? "up" : "down");
          return;
        case "new-sibling":
          return send({ type: "start-new", parentId: node.parentId, afterId: node.id });
        case "new-child":
          return send({ type: "start-new", parentId: node.id, afterId: null });
        case "edit":
          return send({ type: "start-edit", id: node.id });
        case "undo":
          if (toastDeletionId) void undoDelete(toastDeletionId);
          return;
        case "delete":
        case "move":
        case "root":
        case "evidence":
          return send({ type: "open-dialog", kind: command, nodeId: node.id });
      }
    },
    [byId, canEdit, current, navRows, reorder, toastDeletionId, undoDelete],
  );

  // ---------- the guided panel ----------
  const addFromGuided = useCallback(
    async (statement: string, mode: "child" | "sibling" | "top") => {
      const focusedParent = current ? (byId.get(current)?.parentId ?? null) : null;
      const parentId = mode === "top" ? null : mode === "child" ? current : focusedParent;
      const afterId = mode === "sibling" ? current : null;
      const result = await run(createWhyNodeAction({ incidentId, parentId, afterId, statement }));
      if (result.ok) {
        dispatch({ type: "notify", announce: `Cause added: ${quote(statement, 80)}.` });
        if (parentId) dispatch({ type: "expand", id: parentId });
        if (result.data?.nodeId) dispatch({ type: "focus", id: result.data.nodeId, move: false });
      }
      return result;
    },
    [byId, current, incidentId, run],
  );

  const guidedCommand = useCallback(
    (kind: GuidedCommand) => {
      if (!current) return;
      if (kind === "edit") dispatch({ type: "start-edit", id: current });
      else if (kind === "up" || kind === "down") void reorder(current, kind);
      else dispatch({ type: "open-dialog", kind, nodeId: current });
    },
    [current, reorder],
  );

  return {
    state,
    dispatch,
    liveStatus,
    run,
    takeSession,
    derived: { roots, byId, rows, analysis, treeNodeById, draftAt, current },
    shared,
    onTreeKey,
    undoDelete,
    confirmDelete,
    addFromGuided,
    guidedCommand,
  };
}
