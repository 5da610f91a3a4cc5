// The 5 Whys editor's state machine as a pure reducer (no React, no server calls): which cause has
// focus, what is collapsed, the draft being typed, the open dialog, the toast and the screen-reader
// announcement, and how a newer tree from the server (ours or a teammate's) is taken in. The hook
// in use-why-editor.ts runs the server actions and feeds their outcomes back as events; the two
// keyboard maps below turn key presses into commands, so every shortcut is one table row.
import type { FieldErrors } from "@/lib/action-result";
import { buildTree, indexById, pathTo } from "@/lib/whys/tree";
import type { WhySession } from "@/lib/whys/types";

export type Editing =
  | {
      mode: "edit";
      key: number;
      nodeId: string;
      draft: string;
      baseVersion: number;
      conflict?: string;
    }
  | {
      mode: "new";
      key: number;
      parentId: string | null;
      afterId: string | null;
      draft: string;
      conflict?: string;
    };

export type DialogKind = "delete" | "root" | "move" | "evidence";
export type Dialog = { kind: DialogKind; nodeId: string } | null;
export type Toast = { message: string; tone: "info" | "error"; deletionId?: string } | null;

export interface EditorState {
  session: WhySession;
  canEdit: boolean;
  view: "editor" | "diagram";
  focusedId: string | null;
  /** A cause whose row should receive DOM focus after the next render; `seq` makes repeats distinct. */
  focusRequest: { id: string; seq: number } | null;
  collapsed: ReadonlySet<string>;
  editing: Editing | null;
  /** Source of `Editing.key`: input meant for a draft that was replaced is recognised and dropped. */
  keySeq: number;
  dialog: Dialog;
  dialogErrors: FieldErrors | undefined;
  toast: Toast;
  announcement: string;
  pending: boolean;
}

/** A visible row as navigation needs it (`expanded` is undefined for a cause without children). */
export interface NavRow {
  id: string;
  parentId: string | null;
  expanded: boolean | undefined;
}

export type NavCommand = "next" | "previous" | "first" | "last" | "right" | "left";

export type EditorEvent =
  | { type: "session"; session: WhySession; from: "us" | "teammate" }
  | { type: "view"; view: EditorState["view"] }
  | { type: "focus"; id: string | null | undefined; move: boolean }
  | { type: "navigate"; command: NavCommand; current: string; rows: NavRow[] }
  | { type: "toggle"; id: string }
  | { type: "expand"; id: string }
  | { type: "expand-all" }
  | { type: "collapse-all" }
  | { type: "start-edit"; id: string }
  | { type: "start-new"; parentId: string | null; afterId: string | null }
  | { type: "draft-change"; key: number; draft: string }
  | { type: "cancel-edit" }
  /** A save of `editing` was refused (by the client-side check or the server). */
  | {
      type: "save-refused";
      editing: Editing;
      message: string;
      announce: string;
      baseVersion?: number;
    }
  | {
      type: "saved";
      editing: Editing;
      then: "stay" | "child" | "sibling";
      savedId: string | null;
      parentId: string | null;
    }
  | { type: "open-dialog"; kind: DialogKind; nodeId: string }
  | { type: "close-dialog" }
  | { type: "dialog-errors"; errors: FieldErrors | undefined }
  | { type: "pending"; pending: boolean }
  | {
      type: "notify";
      announce?: string;
      toast?: Toast;
      focus?: string | null;
      closeDialog?: boolean;
    }
  | { type: "dismiss-toast" };

export function initialEditorState(session: WhySession, canEdit: boolean): EditorState {
  return {
    session,
    canEdit,
    view: "editor",
    focusedId: null,
    focusRequest: null,
    collapsed: new Set(),
    editing: null,
    keySeq: 0,
    dialog: null,
    dialogErrors: undefined,
    toast: null,
    announcement: "",
    pending: false,
  };
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Keeps the previous events, names and countermeasures when a refetch brought the same content, so memoized rows stay put. */
export function stabilize(prev: WhySession, next: WhySession): WhySession {
  return {
    ...next,
    events: sameJson(prev.events, next.events) ? prev.events : next.events,
    memberNames: sameJson(prev.memberNames, next.memberNames) ? prev.memberNames : next.memberNames,
    actions: sameJson(prev.actions, next.actions) ? prev.actions : next.actions,
  };
}

// A changed string is re-announced by screen readers even when the words repeat.
const announce = (s: EditorState, text: string): EditorState => ({
  ...s,
  announcement: s.announcement === text ? `${text}\u00a0` : text,
});

const focus = (s: EditorState, id: string | null | undefined): EditorState =>
  id ? { ...s, focusedId: id, focusRequest: { id, seq: (s.focusRequest?.seq ?? 0) + 1 } } : s;

const expandOne = (collapsed: ReadonlySet<string>, id: string): ReadonlySet<string> => {
  if (!collapsed.has(id)) return collapsed;
  const next = new Set(collapsed);
  next.delete(id);
  return next;
};

const firstRowId = (s: EditorState) => buildTree(s.session.nodes)[0]?.id ?? null;

/** The cause a draft is attached to: if a teammate deletes it, the draft cannot be saved there. */
export function draftAnchor(e: Editing): string | null {
  return e.mode === "edit" ? e.nodeId : (e.afterId ?? e.parentId);
}

function takeSession(s: EditorState, next: WhySession, from: "us" | "teammate"): EditorState {
  // Our own results may equal the version we hold; a teammate's only count when newer.
  if (
    next.whysVersion < s.session.whysVersion ||
    (from === "teammate" && next.whysVersion === s.session.whysVersion)
  )
    return s;
  const updated = { ...s, session: stabilize(s.session, next) };
  if (from === "us") return updated;
  const e = s.editing;
  const lost = e ? draftAnchor(e) : null;
  if (e && lost && !next.nodes.some((n) => n.id === lost)) {
    // Nothing is lost: the text stays on screen for the facilitator to re-add.
    const message = `A teammate deleted the cause you were working on. Your text was: “${e.draft}”`;
    return announce({ ...updated, editing: null, toast: { message, tone: "error" } }, message);
  }
  return announce(updated, "The tree was updated by a teammate.");
}

function navigate(
  s: EditorState,
  command: NavCommand,
  current: string,
  rows: NavRow[],
): EditorState {
  const i = rows.findIndex((r) => r.id === current);
  if (i < 0) return s;
  const row = rows[i];
  switch (command) {
    case "next":
      return focus(s, rows[i + 1]?.id);
    case "previous":
      return focus(s, rows[i - 1]?.id);
    case "first":
      return focus(s, rows[0]?.id);
    case "last":
      return focus(s, rows[rows.length - 1]?.id);
    case "right":
      if (row.expanded === false)
        return announce({ ...s, collapsed: expandOne(s.collapsed, row.id) }, "Expanded.");
      return row.expanded ? focus(s, rows[i + 1]?.id) : s;
    case "left":
      if (row.expanded) return announce(toggle(s, row.id), "Collapsed.");
      return focus(s, row.parentId);
  }
}

function toggle(s: EditorState, id: string): EditorState {
  const collapsed = new Set(s.collapsed);
  if (collapsed.has(id)) collapsed.delete(id);
  else collapsed.add(id);
  // Collapsing the branch that holds the focused cause moves focus up to the collapsed one.
  const f = s.focusedId;
  const hidesFocus =
    f && f !== id && pathTo(indexById(s.session.nodes), f).some((n) => n.id === id);
  return { ...s, collapsed, focusedId: hidesFocus ? id : s.focusedId };
}

/** Text typed while a save was on its way, which carries over into the next draft. */
export function typedAhead(saved: Editing, current: Editing | null): string {
  return current && current.key === saved.key && current.draft.startsWith(saved.draft)
    ? current.draft.slice(saved.draft.length).trimStart()
    : "";
}

export function editorReducer(s: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case "session":
      return takeSession(s, event.session, event.from);
    case "view":
      return { ...s, view: event.view };
    case "focus":
      if (!event.id) return s;
      return event.move ? focus(s, event.id) : { ...s, focusedId: event.id };
    case "navigate":
      return navigate(s, event.command, event.current, event.rows);
    case "toggle":
      return toggle(s, event.id);
    case "expand":
      return { ...s, collapsed: expandOne(s.collapsed, event.id) };
    case "expand-all":
      return { ...s, collapsed: new Set() };
    case "collapse-all":
      return {
        ...s,
        collapsed: new Set(s.session.nodes.filter((n) => n.parentId === null).map((n) => n.id)),
      };
    case "start-edit": {
      const node = s.session.nodes.find((n) => n.id === event.id);
      if (!s.canEdit || !node) return s;
      const key = s.keySeq + 1;
      // Focus stays logical (no DOM focus request): the draft's textarea takes the focus itself.
      return {
        ...s,
        keySeq: key,
        focusedId: node.id,
        focusRequest: null,
        editing: {
          mode: "edit",
          key,
          nodeId: node.id,
          draft: node.statement,
          baseVersion: node.version,
        },
      };
    }
    case "start-new": {
      if (!s.canEdit) return s;
      const key = s.keySeq + 1;
      const collapsed = event.parentId ? expandOne(s.collapsed, event.parentId) : s.collapsed;
      return {
        ...s,
        keySeq: key,
        collapsed,
        editing: { mode: "new", key, parentId: event.parentId, afterId: event.afterId, draft: "" },
      };
    }
    case "draft-change": {
      const e = s.editing;
      if (!e || e.key !== event.key) return s;
      // A conflict notice stays until resolved; a validation message goes as soon as the text changes.
      return {
        ...s,
        editing: {
          ...e,
          draft: event.draft,
          conflict: e.conflict?.includes("Press Enter") ? e.conflict : undefined,
        },
      };
    }
    case "cancel-edit": {
      const e = s.editing;
      const cleared = { ...s, editing: null };
      if (e?.mode === "edit") return focus(cleared, e.nodeId);
      if (e?.mode === "new") return focus(cleared, e.afterId ?? e.parentId ?? firstRowId(s));
      return cleared;
    }
    case "save-refused": {
      const e = event.editing;
      const editing: Editing =
        e.mode === "edit" && event.baseVersion !== undefined
          ? { ...e, baseVersion: event.baseVersion, conflict: event.message }
          : { ...e, conflict: event.message };
      return announce({ ...s, editing }, event.announce);
    }
    case "saved": {
      const e = event.editing;
      const done = announce(s, e.mode === "edit" ? "Cause saved." : "Cause added.");
      const { savedId } = event;
      if (event.then !== "stay" && savedId) {
        const key = s.keySeq + 1;
        const draft = typedAhead(e, s.editing);
        const editing: Editing =
          event.then === "child"
            ? { mode: "new", key, parentId: savedId, afterId: null, draft }
            : { mode: "new", key, parentId: event.parentId, afterId: savedId, draft };
        return { ...done, keySeq: key, focusedId: savedId, editing };
      }
      return focus({ ...done, editing: null }, savedId);
    }
    case "open-dialog":
      return { ...s, dialog: { kind: event.kind, nodeId: event.nodeId }, dialogErrors: undefined };
    case "close-dialog": {
      const d = s.dialog;
      const closed = { ...s, dialog: null, dialogErrors: undefined };
      if (!d) return closed;
      return focus(
        closed,
        s.session.nodes.some((n) => n.id === d.nodeId) ? d.nodeId : firstRowId(s),
      );
    }
    case "dialog-errors":
      return { ...s, dialogErrors: event.errors };
    case "pending":
      return { ...s, pending: event.pending };
    case "notify": {
      let next: EditorState = event.closeDialog ? { ...s, dialog: null } : s;
      if (event.toast !== undefined) next = { ...next, toast: event.toast };
      if (event.announce) next = announce(next, event.announce);
      return focus(next, event.focus);
    }
    case "dismiss-toast":
      return { ...s, toast: null };
  }
}

// ---------- keyboard maps ----------

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export type TreeCommand =
  | NavCommand
  | "reorder-up"
  | "reorder-down"
  | "new-sibling"
  | "edit"
  | "new-child"
  | "delete"
  | "undo"
  | "move"
  | "root"
  | "evidence";

/**
 * The tree's keyboard map (WAI-ARIA tree pattern plus the editing shortcuts listed on screen).
 * Returns null for keys the tree leaves to the browser. Reordering is claimed even for viewers
 * so Alt+arrows never scroll the page from inside the tree; it does nothing for them.
 */
export function treeKeyCommand(
  k: KeyPress,
  ctx: { canEdit: boolean; canUndo: boolean },
): TreeCommand | null {
  const { key } = k;
  const mod = Boolean(k.ctrlKey || k.metaKey);
  if (key === "ArrowDown" && k.altKey) return "reorder-down";
  if (key === "ArrowUp" && k.altKey) return "reorder-up";
  if (key === "ArrowDown") return "next";
  if (key === "ArrowUp") return "previous";
  if (key === "Home") return "first";
  if (key === "End") return "last";
  if (key === "ArrowRight") return "right";
  if (key === "ArrowLeft") return "left";
  if (!ctx.canEdit) return null;
  if (key === "Enter" && k.shiftKey) return "new-sibling";
  if (key === "Enter" || key === "F2") return "edit";
  if ((key === "Tab" && !k.shiftKey) || key === "Insert") return "new-child";
  if (key === "Delete" || key === "Backspace") return "delete";
  if ((key === "z" || key === "Z") && mod && ctx.canUndo) return "undo";
  if (mod || k.altKey) return null;
  if (key === "m" || key === "M") return "move";
  if (key === "r" || key === "R") return "root";
  if (key === "e" || key === "E") return "evidence";
  return null;
}

export type DraftCommand = "cancel" | "save" | "save-and-add-sibling" | "save-and-ask-why";

/** Keys inside the draft textarea: Enter saves, Shift+Enter saves and adds beside, Tab saves and asks why beneath, Esc cancels. */
export function draftKeyCommand(k: KeyPress): DraftCommand | null {
  if (k.key === "Escape") return "cancel";
  if (k.key === "Enter") return k.shiftKey ? "save-and-add-sibling" : "save";
  if (k.key === "Tab" && !k.shiftKey) return "save-and-ask-why";
  return null;
}

// ---------- derived positions ----------

/** Where the "new cause" draft row goes: after the anchor's last visible descendant (index -1: at the top level's end). */
export function draftPosition(
  editing: Editing | null,
  rows: { id: string; level: number }[],
): { index: number; level: number } | null {
  if (editing?.mode !== "new") return null;
  const anchor = editing.afterId ?? editing.parentId;
  const start = anchor ? rows.findIndex((r) => r.id === anchor) : -1;
  if (start < 0) return { index: -1, level: 1 };
  let end = start;
  while (end + 1 < rows.length && rows[end + 1].level > rows[start].level) end += 1;
  return { index: end, level: editing.afterId ? rows[start].level : rows[start].level + 1 };
}

/** The row that takes focus after deleting `id` with its subtree: the nearest remaining one above, else below. */
export function neighbourAfterDelete(
  rows: { id: string }[],
  id: string,
  removed: ReadonlySet<string>,
): string | null {
  const index = Math.max(
    0,
    rows.findIndex((r) => r.id === id),
  );
  const above = rows
    .slice(0, index)
    .reverse()
    .find((r) => !removed.has(r.id));
  return (above ?? rows.slice(index + 1).find((r) => !removed.has(r.id)))?.id ?? null;
}
