"use client";
// The WAI-ARIA tree of the 5 Whys editor, rendered flat (treeitems carry aria-level, -posinset and
// -setsize) so every row is an independent memoized component: moving focus re-renders two rows,
// and a 300-node tree stays responsive.
import Link from "next/link";
import { LocalTime } from "@/components/incidents/local-time";
import { memo } from "react";
import { actionStatusLabel } from "@/lib/labels";
import type { Hint } from "@/lib/whys/quality";
import { categoryLabel, type TreeOf } from "@/lib/whys/tree";
import type { WhyEditorNode, WhyTimelineEvent } from "@/lib/whys/types";
import type { Editing } from "./editor-reducer";
import { DraftEditor, HintLine } from "./draft-editor";

export type EditorNode = TreeOf<WhyEditorNode>;

/** What every row needs that is the same for all rows (kept referentially stable). */
export interface TreeShared {
  incidentId: string;
  canEdit: boolean;
  events: Map<string, WhyTimelineEvent>;
  memberNames: string[];
  onFocusNode: (id: string) => void;
  onToggle: (id: string) => void;
  /** `key` names the draft the text belongs to: input from a draft that was just replaced is ignored. */
  onDraftChange: (key: number, draft: string) => void;
  onDraftKey: (event: React.KeyboardEvent<HTMLTextAreaElement>) => void;
}

export const nodeDomId = (id: string) => `why-node-${id}`;

type Countermeasure = { id: string; title: string; status: string };

interface TreeRowProps {
  node: EditorNode;
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean | undefined;
  focused: boolean;
  /** Set only on the row being edited. */
  editing: Extract<Editing, { mode: "edit" }> | null;
  hints: Hint[] | undefined;
  countermeasures: Countermeasure[] | undefined;
  shared: TreeShared;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

// Every refetch builds new node objects; comparing what a row shows (not object identity) keeps
// a save or a teammate's change from re-rendering all 300 rows.
function sameRow(a: TreeRowProps, b: TreeRowProps) {
  return (
    a.level === b.level &&
    a.posInSet === b.posInSet &&
    a.setSize === b.setSize &&
    a.expanded === b.expanded &&
    a.focused === b.focused &&
    a.editing === b.editing &&
    a.shared === b.shared &&
    a.node.id === b.node.id &&
    a.node.statement === b.node.statement &&
    a.node.isRootCause === b.node.isRootCause &&
    a.node.category === b.node.category &&
    same(a.node.evidence, b.node.evidence) &&
    same(a.hints, b.hints) &&
    same(a.countermeasures, b.countermeasures)
  );
}

const TreeRow = memo(function TreeRow({
  node,
  level,
  posInSet,
  setSize,
  expanded,
  focused,
  editing,
  hints,
  countermeasures,
  shared,
}: TreeRowProps) {
  const innerTab = focused ? 0 : -1;
  const labelId = `${nodeDomId(node.id)}-label`;
  return (
    <li
      id={nodeDomId(node.id)}
      role="treeitem"
      aria-level={level}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-expanded={expanded}
      aria-selected={focused}
      tabIndex={focused ? 0 : -1}
      data-node-id={node.id}
      onFocus={(e) => {
        if (e.target === e.currentTarget) shared.onFocusNode(node.id);
      }}
      onClick={(e) => {
        if (editing) return;
        shared.onFocusNode(node.id);
        if (!(e.target as HTMLElement).closest("a")) (e.currentTarget as HTMLElement).focus();
      }}
      style={{ marginLeft: `${(level - 1) * 1.5}rem` }}
      className="relative rounded-md outline-none"
    >
      {level > 1 && (
        <span
          aria-hidden="true"
          className="absolute top-0 bottom-0 -left-3 border-l-2 border-slate-200"
        />
      )}
      <div
        className={`flex items-start gap-1 rounded-md border px-2 py-1.5 ${
          focused
            ? "border-blue-700 ring-2 ring-blue-700"
            : node.isRootCause
              ? "border-amber-500"
              : "border-slate-200"
        } ${node.isRootCause ? "bg-amber-50" : "bg-white"}`}
      >
        <span
          aria-hidden="true"
          className={`mt-0.5 inline-block w-4 shrink-0 cursor-pointer text-center text-slate-600 select-none ${expanded === undefined ? "invisible" : ""}`}
          onClick={(e) => {
            e.stopPropagation();
            shared.onToggle(node.id);
          }}
        >
          {expanded === false ? "▸" : "▾"}
        </span>
        <div className="min-w-0 flex-1">
          <span className="text-xs text-slate-600" aria-hidden="true">
            Why {level}
          </span>
          {editing ? (
            <DraftEditor
              key={editing.key}
              editKey={editing.key}
              label="Edit cause"
              draft={editing.draft}
              conflict={editing.conflict}
              memberNames={shared.memberNames}
              onChange={shared.onDraftChange}
              onKey={shared.onDraftKey}
            />
          ) : null}
          <p
            id={labelId}
            className={
              editing ? "sr-only" : "text-sm break-words whitespace-pre-wrap text-slate-900"
            }
          >
            {node.statement}
            {node.isRootCause && (
              <span className="sr-only">. Root cause: {categoryLabel(node.category)}</span>
            )}
          </p>
          {node.isRootCause && (
            <p className="mt-0.5 text-xs font-semibold text-amber-900" aria-hidden="true">
              ◆ Root cause · {categoryLabel(node.category)}
            </p>
          )}
          {node.evidence.length > 0 && (
            <ul aria-label="Evidence" className="mt-1 flex flex-wrap gap-1">
              {node.evidence.map((e) => {
                const event = e.timelineEventId ? shared.events.get(e.timelineEventId) : undefined;
                return (
                  <li
                    key={e.id}
                    className="max-w-full rounded bg-slate-100 px-1.5 py-0.5 text-xs break-words text-slate-800"
                  >
                    {e.url ? (
                      <a
                        href={e.url}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        tabIndex={innerTab}
                        className="text-blue-800 underline"
                      >
                        {e.label || e.url}
                      </a>
                    ) : event ? (
                      <span>
                        <span className="font-medium">Timeline:</span>{" "}
                        <LocalTime iso={event.occurredAt} /> ·{" "}
                        {event.body.length > 80 ? `${event.body.slice(0, 79)}…` : event.body}
                      </span>
                    ) : (
                      <span>Timeline event (removed)</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {node.isRootCause && (
            <div className="mt-1 text-xs text-slate-700">
              {countermeasures?.length ? (
                <ul aria-label="Countermeasures" className="list-disc pl-4">
                  {countermeasures.map((a) => (
                    <li key={a.id}>
                      {a.title}{" "}
                      <span className="text-slate-600">({actionStatusLabel(a.status)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-600">No countermeasure yet. </span>
              )}
              {shared.canEdit && (
                <Link
                  href={`/incidents/${shared.incidentId}/actions/new?whyNodeId=${node.id}`}
                  tabIndex={innerTab}
                  className="font-medium text-blue-800 underline"
                >
                  Add countermeasure
                </Link>
              )}
            </div>
          )}
          {hints && hints.length > 0 && !editing && (
            <div className="mt-1 space-y-0.5">
              {hints.map((h) => (
                <HintLine key={h.rule} hint={h} />
              ))}
            </div>
          )}
        </div>
      </div>
    </li>
  );
}, sameRow);

function DraftRow({
  level,
  draft,
  shared,
}: {
  level: number;
  draft: Extract<Editing, { mode: "new" }>;
  shared: TreeShared;
}) {
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-selected={true}
      style={{ marginLeft: `${(level - 1) * 1.5}rem` }}
      className="rounded-md border border-dashed border-blue-700 bg-blue-50 px-2 py-1.5"
    >
      <DraftEditor
        key={draft.key}
        editKey={draft.key}
        label="New cause"
        draft={draft.draft}
        conflict={draft.conflict}
        memberNames={shared.memberNames}
        onChange={shared.onDraftChange}
        onKey={shared.onDraftKey}
      />
    </li>
  );
}

export interface TreeRowModel {
  node: EditorNode;
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean | undefined;
}

/**
 * The forest under the problem statement. `rows` are the visible rows in order; a "new cause"
 * draft is placed after `draftAfterIndex` (-1: at the end).
 */
export function WhyTree({
  rows,
  focusedId,
  editing,
  draftAt,
  hints,
  actions,
  shared,
  labelledBy,
  describedBy,
  onKeyDown,
}: {
  rows: TreeRowModel[];
  hints: Map<string, Hint[]>;
  actions: Record<string, Countermeasure[]>;
  focusedId: string | null;
  editing: Editing | null;
  draftAt: { index: number; level: number } | null;
  shared: TreeShared;
  labelledBy: string;
  describedBy: string;
  onKeyDown: (e: React.KeyboardEvent<HTMLUListElement>) => void;
}) {
  const draft = editing?.mode === "new" ? editing : null;
  const editRow = editing?.mode === "edit" ? editing : null;
  const out: React.ReactNode[] = [];
  rows.forEach((r, i) => {
    out.push(
      <TreeRow
        key={r.node.id}
        node={r.node}
        level={r.level}
        posInSet={r.posInSet}
        setSize={r.setSize}
        expanded={r.expanded}
        focused={focusedId === r.node.id}
        editing={editRow && editRow.nodeId === r.node.id ? editRow : null}
        hints={hints.get(r.node.id)}
        countermeasures={actions[r.node.id]}
        shared={shared}
      />,
    );
    if (draft && draftAt && draftAt.index === i)
      out.push(
        <DraftRow key={`draft-${draft.key}`} level={draftAt.level} draft={draft} shared={shared} />,
      );
  });
  if (draft && draftAt && (draftAt.index < 0 || draftAt.index >= rows.length))
    out.push(
      <DraftRow key={`draft-${draft.key}`} level={draftAt.level} draft={draft} shared={shared} />,
    );
  return (
    <ul
      role="tree"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      className="space-y-1"
    >
      {out}
    </ul>
  );
}
