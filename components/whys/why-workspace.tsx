"use client";
// The 5 Whys session: problem statement, the guided "Why?" panel, the keyboard-driven tree
// editor, the read-only diagram, and live updates from the other people in the room.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import {
  addEvidenceLinkAction,
  citeTimelineEventAction,
  createWhyNodeAction,
  deleteWhyNodeAction,
  moveWhyNodeAction,
  removeEvidenceAction,
  reorderWhyNodeAction,
  restoreWhyNodesAction,
  setWhyRootCauseAction,
  updateProblemStatementAction,
  updateWhyStatementAction,
  type WhyChangeResult,
} from "@/lib/whys/actions";
import { analyzeTree, checkStatement, formatSummary } from "@/lib/whys/quality";
import { statementSchema } from "@/lib/whys/schema";
import { buildTree, moveTargets, pathTo, PROBLEM_MAX, STATEMENT_MAX, subtreeIds, visibleRows } from "@/lib/whys/tree";
import type { WhySession } from "@/lib/whys/types";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useLiveWhys } from "./use-live-whys";
import { WhyDiagram } from "./why-diagram";
import { DeleteDialog, EvidenceDialog, MoveDialog, RootCauseDialog } from "./why-dialogs";
import { nodeDomId, WhyTree, type EditorNode, type Editing, type TreeRowModel, type TreeShared } from "./why-tree";

type Dialog = { kind: "delete" | "root" | "move" | "evidence"; nodeId: string } | null;
type Toast = { message: string; tone: "info" | "error"; deletionId?: string } | null;

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Keeps the previous events, names and countermeasures when a refetch brought the same content, so memoized rows stay put. */
function stabilize(prev: WhySession, next: WhySession): WhySession {
  return {
    ...next,
    events: sameJson(prev.events, next.events) ? prev.events : next.events,
    memberNames: sameJson(prev.memberNames, next.memberNames) ? prev.memberNames : next.memberNames,
    actions: sameJson(prev.actions, next.actions) ? prev.actions : next.actions,
  };
}

const quote = (s: string, n = 120) => `“${s.length > n ? `${s.slice(0, n - 1)}…` : s}”`;

async function call(promise: Promise<ActionResult<WhyChangeResult>>): Promise<ActionResult<WhyChangeResult>> {
  try {
    return await promise;
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again: nothing was saved." };
  }
}

function firstError(result: Extract<ActionResult<unknown>, { ok: false }>, field?: string) {
  return (field && result.fieldErrors?.[field]?.[0]) ?? result.message;
}

export function WhyWorkspace({ initial, canEdit }: { initial: WhySession; canEdit: boolean }) {
  const [session, setSession] = useState(initial);
  const versionRef = useRef(initial.whysVersion);
  const incidentId = session.incidentId;

  const [view, setView] = useState<"editor" | "diagram">("editor");
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogErrors, setDialogErrors] = useState<Record<string, string[] | undefined> | undefined>();
  const [toast, setToast] = useState<Toast>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pending, setPending] = useState(false);
  const focusRequest = useRef<string | null>(null);
  const pendingRef = useRef(false);
  const editKey = useRef(0);
  const nextKey = () => (editKey.current += 1);

  const announce = useCallback((text: string) => {
    // A changed string is re-announced even when the words repeat.
    setAnnouncement((prev) => (prev === text ? `${text}\u00a0` : text));
  }, []);

  const applySession = useCallback((next: WhySession) => {
    if (next.whysVersion < versionRef.current) return;
    versionRef.current = next.whysVersion;
    setSession((prev) => stabilize(prev, next));
  }, []);

  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  });

  const liveStatus = useLiveWhys(
    incidentId,
    () => versionRef.current,
    useCallback(
      (next: WhySession) => {
        if (next.whysVersion > versionRef.current) {
          applySession(next);
          const e = editingRef.current;
          const lost = e?.mode === "edit" ? e.nodeId : e?.mode === "new" ? (e.afterId ?? e.parentId) : null;
          if (e && lost && !next.nodes.some((n) => n.id === lost)) {
            // Nothing is lost: the text stays on screen for the facilitator to re-add.
            setEditing(null);
            const message = `A teammate deleted the cause you were working on. Your text was: “${e.draft}”`;
            setToast({ message, tone: "error" });
            announce(message);
          } else announce("The tree was updated by a teammate.");
        }
      },
      [applySession, announce],
    ),
  );

  const roots = useMemo(() => buildTree(session.nodes), [session.nodes]);
  const byId = useMemo(() => new Map(session.nodes.map((n) => [n.id, n])), [session.nodes]);
  const countermeasures = useMemo(() => Object.fromEntries(Object.entries(session.actions).map(([id, list]) => [id, list.length])), [session.actions]);
  const analysis = useMemo(() => analyzeTree(roots, { memberNames: session.memberNames, countermeasures }), [roots, session.memberNames, countermeasures]);
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
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.node.id, i])), [rows]);
  const memberNames = session.memberNames;
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

  // The roving tabindex needs exactly one focusable item, even after a teammate deleted ours.
  const current = focusedId && rowIndex.has(focusedId) ? focusedId : (rows[0]?.node.id ?? null);

  useEffect(() => {
    const id = focusRequest.current;
    if (!id) return;
    focusRequest.current = null;
    document.getElementById(nodeDomId(id))?.focus();
  });

  const focusNode = useCallback((id: string | null | undefined) => {
    if (!id) return;
    setFocusedId(id);
    focusRequest.current = id;
  }, []);

  const expand = useCallback((id: string) => {
    setCollapsed((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Set(prev);
      next.delete(id);
      return next;
    });
  }, []);

  // ---------- actions ----------

  const run = useCallback(
    async (promise: Promise<ActionResult<WhyChangeResult>>) => {
      pendingRef.current = true;
      setPending(true);
      const result = await call(promise);
      pendingRef.current = false;
      setPending(false);
      if (result.ok && result.data) applySession(result.data.session);
      return result;
    },
    [applySession],
  );

  const startEdit = useCallback(
    (id: string) => {
      const node = byId.get(id);
      if (!canEdit || !node) return;
      setFocusedId(id);
      setEditing({ mode: "edit", key: nextKey(), nodeId: id, draft: node.statement, baseVersion: node.version });
    },
    [byId, canEdit],
  );

  const startNew = useCallback(
    (parentId: string | null, afterId: string | null) => {
      if (!canEdit) return;
      if (parentId) expand(parentId);
      setEditing({ mode: "new", key: nextKey(), parentId, afterId, draft: "" });
    },
    [canEdit, expand],
  );

  const cancelEdit = useCallback(() => {
    const e = editingRef.current;
    setEditing(null);
    if (e?.mode === "edit") focusNode(e.nodeId);
    else if (e?.mode === "new") focusNode(e.afterId ?? e.parentId ?? rows[0]?.node.id);
  }, [focusNode, rows]);

  const saveDraft = useCallback(
    async (then: "stay" | "child" | "sibling") => {
      const e = editingRef.current;
      if (!e || pendingRef.current) return;
      const parsed = statementSchema.safeParse(e.draft);
      if (!parsed.success) {
        const message = parsed.error.issues[0].message;
        setEditing({ ...e, conflict: message });
        announce(message);
        return;
      }
      let result: ActionResult<WhyChangeResult>;
      let parentId: string | null;
      if (e.mode === "edit") {
        const node = byId.get(e.nodeId);
        parentId = node?.parentId ?? null;
        if (node && node.statement === parsed.data && node.version === e.baseVersion) {
          result = { ok: true, data: { session, nodeId: node.id } };
        } else {
          result = await run(updateWhyStatementAction({ incidentId, nodeId: e.nodeId, version: e.baseVersion, statement: parsed.data }));
        }
      } else {
        parentId = e.parentId;
        result = await run(createWhyNodeAction({ incidentId, parentId: e.parentId, afterId: e.afterId, statement: parsed.data }));
      }
      if (!result.ok) {
        if (result.conflict) {
          const theirs = result.conflict.current as { version: number };
          setEditing({ ...e, ...(e.mode === "edit" ? { baseVersion: theirs.version } : {}), conflict: `${result.message} Press Enter to replace it with your text, or Esc to keep theirs.` });
        } else {
          setEditing({ ...e, conflict: firstError(result, "statement") });
        }
        announce(result.message);
        return;
      }
      const savedId = result.data?.nodeId ?? null;
      announce(e.mode === "edit" ? "Cause saved." : "Cause added.");
      // Whatever was typed while the save was on its way carries over into the next draft.
      const typedAhead = (cur: Editing | null) => (cur && cur.key === e.key && cur.draft.startsWith(e.draft) ? cur.draft.slice(e.draft.length).trimStart() : "");
      if (then === "child" && savedId) {
        setFocusedId(savedId);
        setEditing((cur) => ({ mode: "new", key: nextKey(), parentId: savedId, afterId: null, draft: typedAhead(cur) }));
      } else if (then === "sibling" && savedId) {
        setFocusedId(savedId);
        setEditing((cur) => ({ mode: "new", key: nextKey(), parentId, afterId: savedId, draft: typedAhead(cur) }));
      } else {
        setEditing(null);
        focusNode(savedId);
      }
    },
    [announce, byId, focusNode, incidentId, run, session],
  );

  // Rows get handlers that never change identity (they read the latest logic through a ref), so a
  // save does not re-render every memoized row.
  const latest = useRef({ saveDraft, cancelEdit, byId });
  useEffect(() => {
    latest.current = { saveDraft, cancelEdit, byId };
  });

  const onDraftKey = useCallback((event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      latest.current.cancelEdit();
    } else if (event.key === "Enter") {
      event.preventDefault();
      void latest.current.saveDraft(event.shiftKey ? "sibling" : "stay");
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      void latest.current.saveDraft("child");
    }
  }, []);

  const onDraftChange = useCallback(
    (key: number, draft: string) => setEditing((e) => (e && e.key === key ? { ...e, draft, conflict: e.conflict?.includes("Press Enter") ? e.conflict : undefined } : e)),
    [],
  );

  // Read through a ref so that moving focus does not change `shared` (which would re-render every row).
  const focusedRef = useRef(focusedId);
  useEffect(() => {
    focusedRef.current = focusedId;
  });
  const onToggle = useCallback(
    (id: string) => {
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      const f = focusedRef.current;
      if (f && f !== id && pathTo(latest.current.byId, f).some((n) => n.id === id)) setFocusedId(id);
    },
    [],
  );

  const shared: TreeShared = useMemo(
    () => ({
      incidentId,
      canEdit,
      events: eventsById,
      memberNames,
      onFocusNode: setFocusedId,
      onToggle,
      onDraftChange,
      onDraftKey,
    }),
    [incidentId, canEdit, eventsById, memberNames, onToggle, onDraftChange, onDraftKey],
  );

  const reorder = useCallback(
    async (id: string, direction: "up" | "down") => {
      const result = await run(reorderWhyNodeAction({ incidentId, nodeId: id, direction }));
      if (result.ok) {
        focusNode(id);
        const node = byId.get(id);
        announce(`Moved ${direction}: ${node ? quote(node.statement, 60) : "cause"}.`);
      } else {
        announce(result.message);
        setToast({ message: result.message, tone: "error" });
      }
    },
    [announce, byId, focusNode, incidentId, run],
  );

  const openDialog = useCallback((kind: NonNullable<Dialog>["kind"], nodeId: string) => {
    setDialogErrors(undefined);
    setDialog({ kind, nodeId });
  }, []);

  const closeDialog = useCallback(() => {
    const d = dialog;
    setDialog(null);
    setDialogErrors(undefined);
    if (d) focusNode(byId.has(d.nodeId) ? d.nodeId : rows[0]?.node.id);
  }, [byId, dialog, focusNode, rows]);

  const undoDelete = useCallback(
    async (deletionId: string) => {
      const result = await run(restoreWhyNodesAction({ incidentId, deletionId }));
      if (result.ok) {
        setToast({ message: result.message ?? "Restored.", tone: "info" });
        announce(result.message ?? "Restored.");
        focusNode(result.data?.nodeId);
      } else {
        setToast({ message: result.message, tone: "error" });
        announce(result.message);
      }
    },
    [announce, focusNode, incidentId, run],
  );

  const confirmDelete = useCallback(async () => {
    if (!dialog) return;
    const id = dialog.nodeId;
    const index = rowIndex.get(id) ?? 0;
    const removed = subtreeIds(session.nodes, id);
    const neighbour = rows.slice(0, index).reverse().find((r) => !removed.has(r.node.id)) ?? rows.slice(index + 1).find((r) => !removed.has(r.node.id));
    const result = await run(deleteWhyNodeAction({ incidentId, nodeId: id }));
    setDialog(null);
    if (result.ok) {
      const message = `${result.message} Press Ctrl+Z in the tree or choose Undo to restore.`;
      setToast({ message: result.message ?? "Deleted.", tone: "info", deletionId: result.data?.deletionId });
      announce(message);
      focusNode(neighbour?.node.id);
    } else {
      setToast({ message: result.message, tone: "error" });
      announce(result.message);
      focusNode(id);
    }
  }, [announce, dialog, focusNode, incidentId, rowIndex, rows, run, session.nodes]);

  // ---------- keyboard ----------

  const onTreeKey = useCallback(
    (event: React.KeyboardEvent<HTMLUListElement>) => {
      const target = event.target as HTMLElement;
      if (target.getAttribute("role") !== "treeitem" || !current) return;
      const i = rowIndex.get(current);
      if (i === undefined) return;
      const row = rows[i];
      const node = row.node;
      let handled = true;
      const key = event.key;
      if (key === "ArrowDown" && event.altKey) {
        if (canEdit) void reorder(node.id, "down");
      } else if (key === "ArrowUp" && event.altKey) {
        if (canEdit) void reorder(node.id, "up");
      } else if (key === "ArrowDown") focusNode(rows[i + 1]?.node.id);
      else if (key === "ArrowUp") focusNode(rows[i - 1]?.node.id);
      else if (key === "Home") focusNode(rows[0]?.node.id);
      else if (key === "End") focusNode(rows[rows.length - 1]?.node.id);
      else if (key === "ArrowRight") {
        if (row.expanded === false) {
          expand(node.id);
          announce("Expanded.");
        } else if (row.expanded) focusNode(rows[i + 1]?.node.id);
      } else if (key === "ArrowLeft") {
        if (row.expanded) {
          onToggle(node.id);
          announce("Collapsed.");
        } else focusNode(node.parentId);
      } else if (!canEdit) handled = false;
      else if (key === "Enter" && event.shiftKey) startNew(node.parentId, node.id);
      else if (key === "Enter" || key === "F2") startEdit(node.id);
      else if ((key === "Tab" && !event.shiftKey) || key === "Insert") startNew(node.id, null);
      else if (key === "Delete" || key === "Backspace") openDialog("delete", node.id);
      else if ((key === "z" || key === "Z") && (event.ctrlKey || event.metaKey) && toast?.deletionId) void undoDelete(toast.deletionId);
      else if (event.ctrlKey || event.metaKey || event.altKey) handled = false;
      else if (key === "m" || key === "M") openDialog("move", node.id);
      else if (key === "r" || key === "R") openDialog("root", node.id);
      else if (key === "e" || key === "E") openDialog("evidence", node.id);
      else handled = false;
      if (handled) event.preventDefault();
    },
    [announce, canEdit, current, expand, focusNode, onToggle, openDialog, reorder, rowIndex, rows, startEdit, startNew, toast, undoDelete],
  );

  // Where the "new cause" draft row goes: after the anchor's last visible descendant.
  const draftAt = useMemo(() => {
    if (editing?.mode !== "new") return null;
    const anchor = editing.afterId ?? editing.parentId;
    if (!anchor) return { index: -1, level: 1 };
    const start = rowIndex.get(anchor);
    if (start === undefined) return { index: -1, level: 1 };
    let end = start;
    while (end + 1 < rows.length && rows[end + 1].level > rows[start].level) end += 1;
    return { index: end, level: editing.afterId ? rows[start].level : rows[start].level + 1 };
  }, [editing, rowIndex, rows]);

  const dialogNode = dialog ? byId.get(dialog.nodeId) : undefined;
  const summaryLine = (
    <p className="text-sm text-slate-700" data-testid="why-summary">
      <span className="font-medium">Summary:</span> {formatSummary(analysis.summary)}
    </p>
  );
  const focusedNode = current ? byId.get(current) : undefined;

  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="5 Whys views" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {(["editor", "diagram"] as const).map((v) => (
            <button
              key={v}
              id={`why-tab-${v}`}
              role="tab"
              type="button"
              aria-selected={view === v}
              aria-controls={`why-panel-${v}`}
              tabIndex={view === v ? 0 : -1}
              onClick={() => setView(v)}
              onKeyDown={(e) => {
                if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
                  const next = view === "editor" ? "diagram" : "editor";
                  setView(next);
                  document.getElementById(`why-tab-${next}`)?.focus();
                }
              }}
              className={`rounded px-3 py-1.5 text-sm font-medium ${view === v ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {v === "editor" ? (canEdit ? "Editor" : "Tree") : "Diagram"}
            </button>
          ))}
        </div>
        <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="live-status">
          <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${liveStatus === "live" ? "bg-green-600" : "bg-amber-500"}`} />
          {liveStatus === "live" ? "Live: changes by others appear here" : liveStatus === "stopped" ? "Live updates paused, retrying…" : "Connecting live updates…"}
        </p>
      </div>

      {view === "editor" ? (
        <div id="why-panel-editor" role="tabpanel" aria-labelledby="why-tab-editor" className="space-y-4">
          <ProblemStatement session={session} canEdit={canEdit} onSaved={applySession} announce={announce} />
          {summaryLine}
          {!canEdit && (
            <p className="rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
              You are watching this session read-only. Changes made by editors appear here as they happen.
            </p>
          )}
          {canEdit && (
            <GuidedPanel
              session={session}
              byId={byId}
              focusedId={current}
              pending={pending}
              onFocus={focusNode}
              onAdd={async (statement, mode) => {
                const parentId = mode === "top" ? null : mode === "child" ? current : (focusedNode?.parentId ?? null);
                const afterId = mode === "sibling" ? current : null;
                const result = await run(createWhyNodeAction({ incidentId, parentId, afterId, statement }));
                if (result.ok) {
                  announce(`Cause added: ${quote(statement, 80)}.`);
                  if (parentId) expand(parentId);
                  if (result.data?.nodeId) setFocusedId(result.data.nodeId);
                }
                return result;
              }}
              onCommand={(kind) => {
                if (!current) return;
                if (kind === "edit") {
                  startEdit(current);
                  focusRequest.current = null;
                } else if (kind === "up" || kind === "down") void reorder(current, kind);
                else openDialog(kind, current);
              }}
            />
          )}

          <section aria-labelledby="why-tree-heading" className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id="why-tree-heading" className="text-base font-semibold text-slate-900">
                Cause tree
              </h3>
              {rows.length > 0 && (
                <div className="no-print flex gap-2 text-sm">
                  <Button variant="ghost" className="px-2 py-1" onClick={() => setCollapsed(new Set())}>
                    Expand all
                  </Button>
                  <Button variant="ghost" className="px-2 py-1" onClick={() => setCollapsed(new Set(session.nodes.filter((n) => n.parentId === null).map((n) => n.id)))}>
                    Collapse all
                  </Button>
                </div>
              )}
            </div>
            <p id="why-tree-help" className="sr-only">
              Arrow keys move between causes. Enter edits, Tab or Insert adds a cause beneath, Shift+Enter adds another cause beside, Delete removes, Alt+Up and Alt+Down
              reorder, M moves, R marks a root cause, E adds evidence.
            </p>
            {rows.length === 0 && editing?.mode !== "new" ? (
              <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-700">
                <p className="font-medium text-slate-900">No causes yet.</p>
                <p className="mt-1">{canEdit ? "Answer “Why?” above to add the first cause, or press the button below." : "Editors have not added causes yet."}</p>
                {canEdit && (
                  <Button className="mt-3" onClick={() => startNew(null, null)}>
                    Add the first cause
                  </Button>
                )}
              </div>
            ) : (
              <WhyTree
                rows={rows}
                focusedId={current}
                editing={editing}
                draftAt={draftAt}
                hints={analysis.hints}
                actions={session.actions}
                shared={shared} labelledBy="why-tree-heading" describedBy="why-tree-help" onKeyDown={onTreeKey} />
            )}
            <ShortcutHelp canEdit={canEdit} />
          </section>
        </div>
      ) : (
        <div id="why-panel-diagram" role="tabpanel" aria-labelledby="why-tab-diagram" className="space-y-3">
          {summaryLine}
          <div className="no-print flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => window.print()}>
              Print diagram
            </Button>
            <a href={`/incidents/${incidentId}/whys/diagram`} className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-blue-800 underline">
              Open printable page
            </a>
          </div>
          <WhyDiagram problem={session.problem} roots={roots} rootCauseActions={session.actions} />
        </div>
      )}

      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="why-announcer">
        {announcement}
      </div>

      {toast && (
        <div className="no-print fixed right-4 bottom-4 z-40 flex max-w-md items-center gap-3 rounded-md border border-slate-300 bg-white px-4 py-3 text-sm shadow-lg" data-testid="why-toast">
          <p className={toast.tone === "error" ? "text-red-800" : "text-slate-800"}>{toast.message}</p>
          {toast.deletionId && (
            <Button variant="secondary" className="px-2 py-1" disabled={pending} onClick={() => void undoDelete(toast.deletionId!)}>
              Undo
            </Button>
          )}
          <Button variant="ghost" className="px-2 py-1" aria-label="Dismiss message" onClick={() => setToast(null)}>
            ✕
          </Button>
        </div>
      )}

      {dialog && dialogNode && dialog.kind === "delete" && (
        <DeleteDialog statement={dialogNode.statement} count={subtreeIds(session.nodes, dialogNode.id).size} pending={pending} onConfirm={() => void confirmDelete()} onClose={closeDialog} />
      )}
      {dialog && dialogNode && dialog.kind === "root" && (
        <RootCauseDialog
          statement={dialogNode.statement}
          isRootCause={dialogNode.isRootCause}
          category={dialogNode.category}
          pending={pending}
          errors={dialogErrors?.category ?? dialogErrors?._form}
          onClose={closeDialog}
          onSave={async (isRootCause, category) => {
            const result = await run(setWhyRootCauseAction({ incidentId, nodeId: dialogNode.id, version: dialogNode.version, isRootCause, category }));
            if (!result.ok) {
              setDialogErrors({ _form: [firstError(result, "category")] });
              return;
            }
            announce(isRootCause ? `Marked as root cause: ${category ? category.toLowerCase().replace(/_/g, " ") : ""}.` : "No longer a root cause.");
            closeDialog();
          }}
        />
      )}
      {dialog && dialogNode && dialog.kind === "move" && (
        <MoveDialog
          statement={dialogNode.statement}
          targets={[
            ...(dialogNode.parentId !== null ? [{ id: null, label: "Top level: directly under the problem", level: 0 }] : []),
            ...(() => {
              const allowed = new Set(moveTargets(session.nodes, dialogNode.id).map((n) => n.id));
              return visibleRows(roots, new Set())
                .filter((r) => allowed.has(r.node.id))
                .map((r) => ({ id: r.node.id as string | null, label: r.node.statement.slice(0, 100), level: r.level }));
            })(),
          ]}
          pending={pending}
          errors={dialogErrors?._form}
          onClose={closeDialog}
          onMove={async (parentId) => {
            const result = await run(moveWhyNodeAction({ incidentId, nodeId: dialogNode.id, newParentId: parentId }));
            if (!result.ok) {
              setDialogErrors({ _form: [firstError(result, "newParentId")] });
              return;
            }
            if (parentId) expand(parentId);
            const target = parentId ? byId.get(parentId) : null;
            announce(`Moved under ${target ? quote(target.statement, 60) : "the problem"}.`);
            closeDialog();
          }}
        />
      )}
      {dialog && dialogNode && dialog.kind === "evidence" && (
        <EvidenceDialog
          statement={dialogNode.statement}
          evidence={treeNodeById.get(dialogNode.id)?.evidence ?? dialogNode.evidence}
          events={session.events}
          pending={pending}
          errors={dialogErrors}
          onClose={closeDialog}
          onCite={async (timelineEventId) => {
            const result = await run(citeTimelineEventAction({ incidentId, nodeId: dialogNode.id, timelineEventId }));
            setDialogErrors(result.ok ? undefined : { timelineEventId: [firstError(result, "timelineEventId")] });
            announce(result.ok ? "Timeline event cited." : result.message);
          }}
          onAddLink={async (url, label) => {
            const result = await run(addEvidenceLinkAction({ incidentId, nodeId: dialogNode.id, url, label: label || undefined }));
            setDialogErrors(result.ok ? undefined : { url: [firstError(result, "url")] });
            announce(result.ok ? "Link added." : firstError(result, "url"));
          }}
          onRemove={async (evidenceId) => {
            const result = await run(removeEvidenceAction({ incidentId, evidenceId }));
            announce(result.ok ? "Citation removed." : result.message);
          }}
        />
      )}
    </div>
  );
}

function ProblemStatement({ session, canEdit, onSaved, announce }: { session: WhySession; canEdit: boolean; onSaved: (s: WhySession) => void; announce: (t: string) => void }) {
  const [editing, setEditing] = useState<{ draft: string; basedOn: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (editing) {
    return (
      <form
        className="space-y-2 rounded-lg border border-slate-300 bg-white p-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          const result = await call(updateProblemStatementAction({ incidentId: session.incidentId, problem: editing.draft, basedOn: editing.basedOn }));
          setPending(false);
          if (!result.ok) {
            setError(firstError(result, "problem"));
            if (result.conflict) setEditing({ ...editing, basedOn: String(result.conflict.current.problem ?? "") });
            return;
          }
          if (result.data) onSaved(result.data.session);
          setEditing(null);
          setError(null);
          announce("Problem statement saved.");
        }}
      >
        <label htmlFor="why-problem" className="block text-sm font-medium text-slate-800">
          Problem statement
        </label>
        <textarea
          id="why-problem"
          rows={3}
          value={editing.draft}
          maxLength={PROBLEM_MAX + 100}
          autoFocus
          onChange={(e) => setEditing({ ...editing, draft: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setEditing(null);
              setError(null);
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby="why-problem-error"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
        />
        <div id="why-problem-error" aria-live="polite">
          {error && <p className="text-sm text-red-700">{error}</p>}
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending && <Spinner />}
            Save problem statement
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setEditing(null);
              setError(null);
            }}
          >
            Cancel
          </Button>
        </div>
      </form>
    );
  }
  return (
    <section aria-labelledby="why-problem-heading" className="rounded-lg border-2 border-slate-800 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id="why-problem-heading" className="text-xs font-semibold tracking-wide text-slate-700 uppercase">
          Problem
        </h2>
        {canEdit && (
          <Button variant="ghost" className="no-print px-2 py-1" onClick={() => setEditing({ draft: session.problem, basedOn: session.problem })}>
            Edit problem statement
          </Button>
        )}
      </div>
      <p className="mt-1 font-medium break-words whitespace-pre-wrap text-slate-900" data-testid="why-problem">
        {session.problem}
      </p>
      {session.problemStatement === null && <p className="mt-1 text-xs text-slate-600">Taken from the incident&apos;s customer impact. Edit it to say exactly what the tree explains.</p>}
    </section>
  );
}

function GuidedPanel({ session, byId, focusedId, pending, onFocus, onAdd, onCommand }: {
  session: WhySession;
  byId: Map<string, WhySession["nodes"][number]>;
  focusedId: string | null;
  pending: boolean;
  onFocus: (id: string) => void;
  onAdd: (statement: string, mode: "child" | "sibling" | "top") => Promise<ActionResult<WhyChangeResult>>;
  onCommand: (kind: "edit" | "root" | "evidence" | "move" | "up" | "down" | "delete") => void;
}) {
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const path = focusedId ? pathTo(byId, focusedId) : [];
  const node = path[path.length - 1];
  const parent = path[path.length - 2];
  const hints = checkStatement(answer, { memberNames: session.memberNames });
  const subject = node ? node.statement : session.problem;

  async function submit(mode: "child" | "sibling" | "top") {
    const parsed = statementSchema.safeParse(answer);
    if (!parsed.success) {
      setError(parsed.error.issues[0].message);
      return;
    }
    const result = await onAdd(parsed.data, node ? mode : "top");
    if (!result.ok) {
      setError(firstError(result, "statement"));
      return;
    }
    setAnswer("");
    setError(null);
  }

  return (
    <section aria-labelledby="why-question" className="no-print space-y-3 rounded-lg border border-blue-200 bg-blue-50/60 p-4">
      <nav aria-label="Path from the problem">
        <ol className="flex flex-wrap items-center gap-1 text-xs text-slate-700">
          <li>Problem</li>
          {path.map((p, i) => (
            <li key={p.id} className="flex items-center gap-1">
              <span aria-hidden="true">›</span>
              {i === path.length - 1 ? (
                <span aria-current="location" className="font-medium text-slate-900">
                  {p.statement.length > 50 ? `${p.statement.slice(0, 49)}…` : p.statement}
                </span>
              ) : (
                <button type="button" className="text-blue-800 underline" onClick={() => onFocus(p.id)}>
                  {p.statement.length > 50 ? `${p.statement.slice(0, 49)}…` : p.statement}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h3 id="why-question" className="text-lg font-semibold break-words text-slate-900">
        Why {node ? `#${path.length + 1}` : "#1"}: Why did {quote(subject, 200)} happen?
      </h3>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void submit("child");
        }}
      >
        <label htmlFor="why-answer" className="block text-sm font-medium text-slate-800">
          Answer (a cause)
        </label>
        <textarea
          id="why-answer"
          rows={2}
          value={answer}
          onChange={(e) => {
            setAnswer(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void submit("child");
            }
          }}
          aria-invalid={error || answer.length > STATEMENT_MAX ? true : undefined}
          aria-describedby="why-answer-help why-answer-feedback"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
        />
        <p id="why-answer-help" className="text-xs text-slate-600">
          Enter adds the answer beneath and asks why again. Describe conditions and systems, not people. {answer.length}/{STATEMENT_MAX}
        </p>
        <div id="why-answer-feedback" aria-live="polite">
          {error && <p className="text-sm text-red-700">{error}</p>}
          {hints.map((h) => (
            <p key={h.rule} className="text-xs text-amber-900">
              <span className="font-semibold">Hint: </span>
              <span className="font-medium">{h.message}</span> {h.suggestion}
            </p>
          ))}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending && <Spinner />}
            Add answer
          </Button>
          {node && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => void submit("sibling")}>
              Another cause of {quote(parent ? parent.statement : "the problem", 40)}
            </Button>
          )}
          {node && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => void submit("top")}>
              New branch from the problem
            </Button>
          )}
        </div>
      </form>
      {node && (
        <div role="toolbar" aria-label="Selected cause" className="flex flex-wrap gap-1 border-t border-blue-200 pt-2">
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("edit")}>
            Edit
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("root")}>
            {node.isRootCause ? "Root cause…" : "Mark root cause…"}
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("evidence")}>
            Evidence…
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("move")}>
            Move to…
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("up")} aria-label="Move up among its siblings">
            ↑
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => onCommand("down")} aria-label="Move down among its siblings">
            ↓
          </Button>
          <Button variant="ghost" className="px-2 py-1 text-red-800" onClick={() => onCommand("delete")}>
            Delete…
          </Button>
        </div>
      )}
    </section>
  );
}

function ShortcutHelp({ canEdit }: { canEdit: boolean }) {
  const keys: [string, string][] = [
    ["↑ ↓", "previous / next cause"],
    ["→ ←", "expand or go to first cause beneath / collapse or go to parent"],
    ["Home End", "first / last cause"],
  ];
  if (canEdit)
    keys.push(
      ["Enter or F2", "edit the cause (Enter saves, Esc cancels)"],
      ["Tab or Insert", "ask why: add a cause beneath"],
      ["Shift+Enter", "add another cause beside"],
      ["Delete", "delete with the causes beneath (asks first; Ctrl+Z undoes)"],
      ["Alt+↑ Alt+↓", "reorder among siblings"],
      ["M", "move to another parent…"],
      ["R", "mark as root cause with a category…"],
      ["E", "cite timeline events or links…"],
    );
  return (
    <details className="no-print rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Keyboard shortcuts</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {keys.map(([k, v]) => (
          <div key={k} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs">{k}</kbd>
            </dt>
            <dd className="text-slate-700">{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
