"use client";
// The 5 Whys session: problem statement, the guided "Why?" panel, the keyboard-driven tree
// editor, the read-only diagram, and live updates from the other people in the room. State and
// server calls live in use-why-editor.ts (over the pure editor-reducer.ts); this file lays out parts.
import { formatSummary } from "@/lib/whys/quality";
import type { WhySession } from "@/lib/whys/types";
import { Button } from "@/components/ui/button";
import { DiagramViewer } from "./diagram-viewer";
import { GuidedPanel } from "./guided-panel";
import { ProblemStatement } from "./problem-statement";
import { ShortcutHelp } from "./shortcut-help";
import { useWhyEditor } from "./use-why-editor";
import { WhyDiagram } from "./why-diagram";
import { WhyDialogHost } from "./why-dialog-host";
import { WhyTree } from "./why-tree";

export function WhyWorkspace({ initial, canEdit }: { initial: WhySession; canEdit: boolean }) {
  const editor = useWhyEditor(initial, canEdit);
  const { state, dispatch, liveStatus, derived } = editor;
  const { session, view, editing, toast, pending, announcement } = state;
  const { roots, byId, rows, analysis, draftAt, current } = derived;
  const incidentId = session.incidentId;
  const setView = (v: typeof view) => dispatch({ type: "view", view: v });

  const summaryLine = (
    <p className="text-sm text-slate-700" data-testid="why-summary">
      <span className="font-medium">Summary:</span> {formatSummary(analysis.summary)}
    </p>
  );

  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <div
          role="tablist"
          aria-label="5 Whys views"
          className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
        >
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
          <span
            aria-hidden="true"
            className={`inline-block h-2 w-2 rounded-full ${liveStatus === "live" ? "bg-green-600" : "bg-amber-500"}`}
          />
          {liveStatus === "live"
            ? "Live: changes by others appear here"
            : liveStatus === "stopped"
              ? "Live updates paused, retrying…"
              : "Connecting live updates…"}
        </p>
      </div>

      {view === "editor" ? (
        <div
          id="why-panel-editor"
          role="tabpanel"
          aria-labelledby="why-tab-editor"
          className="space-y-4"
        >
          <ProblemStatement
            session={session}
            canEdit={canEdit}
            onSaved={(s) => editor.takeSession(s, "us")}
            announce={(text) => dispatch({ type: "notify", announce: text })}
          />
          {summaryLine}
          {!canEdit && (
            <p className="rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
              You are watching this session read-only. Changes made by editors appear here as they
              happen.
            </p>
          )}
          {canEdit && (
            <GuidedPanel
              session={session}
              byId={byId}
              focusedId={current}
              pending={pending}
              onFocus={(id) => dispatch({ type: "focus", id, move: true })}
              onAdd={editor.addFromGuided}
              onCommand={editor.guidedCommand}
            />
          )}

          <section aria-labelledby="why-tree-heading" className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id="why-tree-heading" className="text-base font-semibold text-slate-900">
                Cause tree
              </h3>
              {rows.length > 0 && (
                <div className="no-print flex gap-2 text-sm">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() => dispatch({ type: "expand-all" })}
                  >
                    Expand all
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() => dispatch({ type: "collapse-all" })}
                  >
                    Collapse all
                  </Button>
                </div>
              )}
            </div>
            <p id="why-tree-help" className="sr-only">
              Arrow keys move between causes. Enter edits, Tab or Insert adds a cause beneath,
              Shift+Enter adds another cause beside, Delete removes, Alt+Up and Alt+Down reorder, M
              moves, R marks a root cause, E adds evidence.
            </p>
            {rows.length === 0 && editing?.mode !== "new" ? (
              <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-700">
                <p className="font-medium text-slate-900">No causes yet.</p>
                <p className="mt-1">
                  {canEdit
                    ? "Answer “Why?” above to add the first cause, or press the button below."
                    : "Editors have not added causes yet."}
                </p>
                {canEdit && (
                  <Button
                    className="mt-3"
                    onClick={() => dispatch({ type: "start-new", parentId: null, afterId: null })}
                  >
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
                shared={editor.shared}
                labelledBy="why-tree-heading"
                describedBy="why-tree-help"
                onKeyDown={editor.onTreeKey}
              />
            )}
            <ShortcutHelp canEdit={canEdit} />
          </section>
        </div>
      ) : (
        <div
          id="why-panel-diagram"
          role="tabpanel"
          aria-labelledby="why-tab-diagram"
          className="space-y-3"
        >
          {summaryLine}
          <div className="no-print flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => window.print()}>
              Print diagram
            </Button>
            <a
              href={`/incidents/${incidentId}/whys/diagram`}
              className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-blue-800 underline"
            >
              Open printable page
            </a>
          </div>
          <DiagramViewer
            problem={session.problem}
            roots={roots}
            filename={`incident-${session.incidentNumber}-5-whys`}
            list={
              <WhyDiagram
                problem={session.problem}
                roots={roots}
                rootCauseActions={session.actions}
                label="5 Whys as a list"
              />
            }
          />
        </div>
      )}

      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className="sr-only"
        data-testid="why-announcer"
      >
        {announcement}
      </div>

      {toast && (
        <div
          className="no-print fixed right-4 bottom-4 z-40 flex max-w-md items-center gap-3 rounded-md border border-slate-300 bg-white px-4 py-3 text-sm shadow-lg"
          data-testid="why-toast"
        >
          <p className={toast.tone === "error" ? "text-red-800" : "text-slate-800"}>
            {toast.message}
          </p>
          {toast.deletionId && (
            <Button
              variant="secondary"
              className="px-2 py-1"
              disabled={pending}
              onClick={() => void editor.undoDelete(toast.deletionId!)}
            >
              Undo
            </Button>
          )}
          <Button
            variant="ghost"
            className="px-2 py-1"
            aria-label="Dismiss message"
            onClick={() => dispatch({ type: "dismiss-toast" })}
          >
            ✕
          </Button>
        </div>
      )}

      <WhyDialogHost
        state={state}
        dispatch={dispatch}
        run={editor.run}
        roots={roots}
        byId={byId}
        treeNodeById={derived.treeNodeById}
        onConfirmDelete={() => void editor.confirmDelete()}
      />
    </div>
  );
}
