import { describe, expect, it } from "vitest";
import type { WhyEditorNode, WhySession } from "@/lib/whys/types";
import {
  draftKeyCommand,
  draftPosition,
  editorReducer,
  initialEditorState,
  neighbourAfterDelete,
  treeKeyCommand,
  typedAhead,
  type EditorEvent,
  type EditorState,
  type KeyPress,
  type NavRow,
} from "./editor-reducer";

const node = (
  id: string,
  parentId: string | null,
  position: number,
  statement = `cause ${id}`,
): WhyEditorNode => ({
  id,
  parentId,
  position,
  statement,
  isRootCause: false,
  category: null,
  version: 1,
  evidence: [],
});

// a ─┬─ b ── c
//    └─ d
// e
const nodes = [
  node("a", null, 0),
  node("b", "a", 0),
  node("c", "b", 0),
  node("d", "a", 1),
  node("e", null, 1),
];

const session = (over: Partial<WhySession> = {}): WhySession => ({
  incidentId: "inc",
  incidentNumber: 1,
  incidentTitle: "Outage",
  problem: "Checkout failed",
  problemStatement: null,
  whysVersion: 5,
  nodes,
  events: [],
  actions: {},
  memberNames: [],
  ...over,
});

const start = (canEdit = true) => initialEditorState(session(), canEdit);
const run = (s: EditorState, ...events: EditorEvent[]) => events.reduce(editorReducer, s);

// Visible rows with everything expanded, in tree order.
const rows: NavRow[] = [
  { id: "a", parentId: null, expanded: true },
  { id: "b", parentId: "a", expanded: true },
  { id: "c", parentId: "b", expanded: undefined },
  { id: "d", parentId: "a", expanded: undefined },
  { id: "e", parentId: null, expanded: undefined },
];

describe("tree keyboard map", () => {
  const editor = { canEdit: true, canUndo: false };
  const viewer = { canEdit: false, canUndo: false };
  const table: [KeyPress, TreeCase, TreeCase][] = [
    [{ key: "ArrowDown" }, "next", "next"],
    [{ key: "ArrowUp" }, "previous", "previous"],
    [{ key: "Home" }, "first", "first"],
    [{ key: "End" }, "last", "last"],
    [{ key: "ArrowRight" }, "right", "right"],
    [{ key: "ArrowLeft" }, "left", "left"],
    [{ key: "ArrowDown", altKey: true }, "reorder-down", "reorder-down"],
    [{ key: "ArrowUp", altKey: true }, "reorder-up", "reorder-up"],
    [{ key: "Enter" }, "edit", null],
    [{ key: "F2" }, "edit", null],
    [{ key: "Enter", shiftKey: true }, "new-sibling", null],
    [{ key: "Tab" }, "new-child", null],
    [{ key: "Insert" }, "new-child", null],
    [{ key: "Tab", shiftKey: true }, null, null],
    [{ key: "Delete" }, "delete", null],
    [{ key: "Backspace" }, "delete", null],
    [{ key: "m" }, "move", null],
    [{ key: "M" }, "move", null],
    [{ key: "r" }, "root", null],
    [{ key: "R" }, "root", null],
    [{ key: "e" }, "evidence", null],
    [{ key: "E" }, "evidence", null],
    [{ key: "r", ctrlKey: true }, null, null],
    [{ key: "m", altKey: true }, null, null],
    [{ key: "e", metaKey: true }, null, null],
    [{ key: "z", ctrlKey: true }, null, null],
    [{ key: "x" }, null, null],
    [{ key: "Escape" }, null, null],
  ];
  type TreeCase = ReturnType<typeof treeKeyCommand>;
  it.each(table)("%o → editor %s, viewer %s", (press, forEditor, forViewer) => {
    expect(treeKeyCommand(press, editor)).toBe(forEditor);
    expect(treeKeyCommand(press, viewer)).toBe(forViewer);
  });

  it("Ctrl+Z and Cmd+Z undo only while a deletion can be undone", () => {
    const undoable = { canEdit: true, canUndo: true };
    expect(treeKeyCommand({ key: "z", ctrlKey: true }, undoable)).toBe("undo");
    expect(treeKeyCommand({ key: "Z", metaKey: true }, undoable)).toBe("undo");
    expect(treeKeyCommand({ key: "z" }, undoable)).toBeNull();
    expect(
      treeKeyCommand({ key: "z", ctrlKey: true }, { canEdit: false, canUndo: true }),
    ).toBeNull();
  });
});

describe("draft keyboard map", () => {
  it.each([
    [{ key: "Escape" }, "cancel"],
    [{ key: "Enter" }, "save"],
    [{ key: "Enter", shiftKey: true }, "save-and-add-sibling"],
    [{ key: "Tab" }, "save-and-ask-why"],
    [{ key: "Tab", shiftKey: true }, null],
    [{ key: "a" }, null],
  ] as [KeyPress, string | null][])("%o → %s", (press, command) => {
    expect(draftKeyCommand(press)).toBe(command);
  });
});

describe("navigation", () => {
  const nav = (
    s: EditorState,
    command: Extract<EditorEvent, { type: "navigate" }>["command"],
    current: string,
    r = rows,
  ) => editorReducer(s, { type: "navigate", command, current, rows: r });

  it("moves focus between visible rows and asks the DOM to follow", () => {
    const s = nav(start(), "next", "a");
    expect(s.focusedId).toBe("b");
    expect(s.focusRequest?.id).toBe("b");
    expect(nav(s, "previous", "b").focusedId).toBe("a");
    expect(nav(s, "last", "b").focusedId).toBe("e");
    expect(nav(s, "first", "d").focusedId).toBe("a");
  });

  it("stays put at either end", () => {
    const s = start();
    expect(nav(s, "previous", "a")).toBe(s);
    expect(nav(s, "next", "e")).toBe(s);
  });

  it("every focus request is distinct, so focusing the same cause twice moves DOM focus twice", () => {
    const once = nav(start(), "next", "a");
    const twice = nav(once, "next", "a");
    expect(twice.focusRequest).toEqual({ id: "b", seq: once.focusRequest!.seq + 1 });
  });

  it("Right expands a collapsed cause, then goes to its first child; Left collapses, then goes to the parent", () => {
    const collapsed = run(start(), { type: "toggle", id: "b" });
    expect(collapsed.collapsed.has("b")).toBe(true);
    const collapsedRows = rows
      .filter((r) => r.id !== "c")
      .map((r) => (r.id === "b" ? { ...r, expanded: false } : r));
    const expanded = nav(collapsed, "right", "b", collapsedRows);
    expect(expanded.collapsed.has("b")).toBe(false);
    expect(expanded.announcement).toBe("Expanded.");
    expect(nav(expanded, "right", "b").focusedId).toBe("c");

    const folded = nav(start(), "left", "a");
    expect(folded.collapsed.has("a")).toBe(true);
    expect(folded.announcement).toBe("Collapsed.");
    expect(nav(start(), "left", "c").focusedId).toBe("b");
    // A top-level leaf has no parent to go to.
    expect(nav(start(), "left", "e").focusedId).toBeNull();
  });

  it("collapsing the branch that holds the focused cause moves focus to the collapsed one", () => {
    const s = run(start(), { type: "focus", id: "c", move: false }, { type: "toggle", id: "a" });
    expect(s.focusedId).toBe("a");
    expect(
      run(start(), { type: "focus", id: "e", move: false }, { type: "toggle", id: "a" }).focusedId,
    ).toBe("e");
  });

  it("expand all and collapse all (collapse all folds the top level)", () => {
    const folded = run(start(), { type: "collapse-all" });
    expect([...folded.collapsed].sort()).toEqual(["a", "e"]);
    expect(run(folded, { type: "expand-all" }).collapsed.size).toBe(0);
  });
});

describe("editing", () => {
  it("starts editing a cause with its text and version; viewers cannot", () => {
    const s = run(start(), { type: "start-edit", id: "b" });
    expect(s.editing).toEqual({
      mode: "edit",
      key: 1,
      nodeId: "b",
      draft: "cause b",
      baseVersion: 1,
    });
    expect(s.focusedId).toBe("b");
    expect(run(start(false), { type: "start-edit", id: "b" }).editing).toBeNull();
    expect(
      run(start(false), { type: "start-new", parentId: null, afterId: null }).editing,
    ).toBeNull();
    expect(run(start(), { type: "start-edit", id: "missing" }).editing).toBeNull();
  });

  it("a new cause beneath a collapsed one expands it", () => {
    const s = run(
      start(),
      { type: "toggle", id: "b" },
      { type: "start-new", parentId: "b", afterId: null },
    );
    expect(s.collapsed.has("b")).toBe(false);
    expect(s.editing).toMatchObject({ mode: "new", parentId: "b", afterId: null, draft: "" });
  });

  it("ignores typing meant for a draft that was replaced", () => {
    const s = run(
      start(),
      { type: "start-new", parentId: "a", afterId: null },
      { type: "draft-change", key: 1, draft: "Pool too small" },
    );
    expect(s.editing?.draft).toBe("Pool too small");
    expect(run(s, { type: "draft-change", key: 99, draft: "stale" }).editing?.draft).toBe(
      "Pool too small",
    );
  });

  it("a validation message clears on typing; a conflict notice stays until resolved", () => {
    const editing = run(start(), { type: "start-edit", id: "b" }).editing!;
    const invalid = run(
      start(),
      { type: "start-edit", id: "b" },
      { type: "save-refused", editing, message: "Too short", announce: "Too short" },
    );
    expect(invalid.editing?.conflict).toBe("Too short");
    expect(invalid.announcement).toBe("Too short");
    expect(
      run(invalid, { type: "draft-change", key: 1, draft: "longer" }).editing?.conflict,
    ).toBeUndefined();

    const conflict = run(
      start(),
      { type: "start-edit", id: "b" },
      {
        type: "save-refused",
        editing,
        message: "Changed by Ann. Press Enter to replace it",
        announce: "Changed by Ann.",
        baseVersion: 4,
      },
    );
    expect(conflict.editing).toMatchObject({
      baseVersion: 4,
      conflict: "Changed by Ann. Press Enter to replace it",
    });
    expect(
      run(conflict, { type: "draft-change", key: 1, draft: "mine" }).editing?.conflict,
    ).toContain("Press Enter");
  });

  it("Esc returns focus to the cause being edited, or to where the new one would have gone", () => {
    const edit = run(start(), { type: "start-edit", id: "c" }, { type: "cancel-edit" });
    expect(edit.editing).toBeNull();
    expect(edit.focusRequest?.id).toBe("c");
    expect(
      run(start(), { type: "start-new", parentId: "a", afterId: "d" }, { type: "cancel-edit" })
        .focusRequest?.id,
    ).toBe("d");
    expect(
      run(start(), { type: "start-new", parentId: "a", afterId: null }, { type: "cancel-edit" })
        .focusRequest?.id,
    ).toBe("a");
    expect(
      run(start(), { type: "start-new", parentId: null, afterId: null }, { type: "cancel-edit" })
        .focusRequest?.id,
    ).toBe("a");
  });

  it("Enter saves and focuses the saved cause", () => {
    const s = run(start(), { type: "start-edit", id: "b" });
    const saved = run(s, {
      type: "saved",
      editing: s.editing!,
      then: "stay",
      savedId: "b",
      parentId: "a",
    });
    expect(saved.editing).toBeNull();
    expect(saved.focusRequest?.id).toBe("b");
    expect(saved.announcement).toBe("Cause saved.");
  });

  it("Tab saves and opens a draft beneath; Shift+Enter opens one beside; text typed meanwhile carries over", () => {
    const s = run(
      start(),
      { type: "start-new", parentId: "a", afterId: null },
      { type: "draft-change", key: 1, draft: "Pool too small" },
    );
    const atSave = s.editing!;
    const typing = run(s, { type: "draft-change", key: 1, draft: "Pool too small  nobody sized" });
    const child = run(typing, {
      type: "saved",
      editing: atSave,
      then: "child",
      savedId: "n1",
      parentId: "a",
    });
    expect(child.editing).toEqual({
      mode: "new",
      key: 2,
      parentId: "n1",
      afterId: null,
      draft: "nobody sized",
    });
    expect(child.focusedId).toBe("n1");
    expect(child.announcement).toBe("Cause added.");

    const sibling = run(s, {
      type: "saved",
      editing: atSave,
      then: "sibling",
      savedId: "n1",
      parentId: "a",
    });
    expect(sibling.editing).toEqual({
      mode: "new",
      key: 2,
      parentId: "a",
      afterId: "n1",
      draft: "",
    });
  });

  it("typed-ahead text only counts for the same draft and when it extends what was saved", () => {
    const saved = { mode: "new" as const, key: 3, parentId: null, afterId: null, draft: "abc" };
    expect(typedAhead(saved, { ...saved, draft: "abc def" })).toBe("def");
    expect(typedAhead(saved, { ...saved, key: 4, draft: "abc def" })).toBe("");
    expect(typedAhead(saved, { ...saved, draft: "xyz" })).toBe("");
    expect(typedAhead(saved, null)).toBe("");
  });
});

describe("sessions from the server", () => {
  const newer = (over: Partial<WhySession> = {}) => session({ whysVersion: 6, ...over });

  it("takes our own result at the same or a newer version, never an older one", () => {
    const same = session({ problem: "Same version, our save" });
    expect(run(start(), { type: "session", session: same, from: "us" }).session.problem).toBe(
      "Same version, our save",
    );
    expect(
      run(start(), {
        type: "session",
        session: session({ whysVersion: 4, problem: "old" }),
        from: "us",
      }).session.problem,
    ).toBe("Checkout failed");
  });

  it("a teammate's change is announced; an echo of the version we hold is ignored", () => {
    const s = run(start(), {
      type: "session",
      session: newer({ problem: "Theirs" }),
      from: "teammate",
    });
    expect(s.session.problem).toBe("Theirs");
    expect(s.announcement).toBe("The tree was updated by a teammate.");
    const echo = start();
    expect(run(echo, { type: "session", session: session(), from: "teammate" })).toBe(echo);
  });

  it("when a teammate deletes the cause being edited, the draft closes and its text is shown", () => {
    const s = run(
      start(),
      { type: "start-edit", id: "c" },
      { type: "draft-change", key: 1, draft: "my better wording" },
    );
    const after = run(s, {
      type: "session",
      session: newer({ nodes: nodes.filter((n) => n.id !== "c") }),
      from: "teammate",
    });
    expect(after.editing).toBeNull();
    expect(after.toast).toEqual({
      tone: "error",
      message:
        "A teammate deleted the cause you were working on. Your text was: “my better wording”",
    });
    expect(after.announcement).toBe(after.toast?.message);
    // A change elsewhere leaves the draft alone.
    expect(run(s, { type: "session", session: newer(), from: "teammate" }).editing?.draft).toBe(
      "my better wording",
    );
  });

  it("keeps unchanged events, names and countermeasures by identity so memoized rows stay put", () => {
    const s = start();
    const next = run(s, {
      type: "session",
      session: newer({ events: [], memberNames: [], actions: {} }),
      from: "teammate",
    });
    expect(next.session.events).toBe(s.session.events);
    expect(next.session.memberNames).toBe(s.session.memberNames);
    expect(next.session.actions).toBe(s.session.actions);
  });

  it("repeating the same announcement still changes the live region's text", () => {
    const once = run(start(), { type: "notify", announce: "Link added." });
    const twice = run(once, { type: "notify", announce: "Link added." });
    expect(twice.announcement).not.toBe(once.announcement);
    expect(twice.announcement.trim()).toBe("Link added.");
  });
});

describe("dialogs and toasts", () => {
  it("closing a dialog returns focus to its cause, or to the first cause when it is gone", () => {
    const open = run(
      start(),
      { type: "open-dialog", kind: "root", nodeId: "d" },
      { type: "dialog-errors", errors: { category: ["Pick one"] } },
    );
    expect(open.dialog).toEqual({ kind: "root", nodeId: "d" });
    const closed = run(open, { type: "close-dialog" });
    expect(closed.dialog).toBeNull();
    expect(closed.dialogErrors).toBeUndefined();
    expect(closed.focusRequest?.id).toBe("d");
    const gone = run(
      open,
      {
        type: "session",
        session: session({ whysVersion: 6, nodes: nodes.filter((n) => n.id !== "d") }),
        from: "us",
      },
      { type: "close-dialog" },
    );
    expect(gone.focusRequest?.id).toBe("a");
  });

  it("opening a dialog clears errors from the last one", () => {
    const s = run(
      start(),
      { type: "dialog-errors", errors: { url: ["Bad"] } },
      { type: "open-dialog", kind: "evidence", nodeId: "a" },
    );
    expect(s.dialogErrors).toBeUndefined();
  });

  it("a delete result closes the dialog, offers undo and focuses the neighbour", () => {
    const s = run(
      start(),
      { type: "open-dialog", kind: "delete", nodeId: "b" },
      {
        type: "notify",
        closeDialog: true,
        toast: { message: "Deleted 2 causes.", tone: "info", deletionId: "del1" },
        announce: "Deleted.",
        focus: "a",
      },
    );
    expect(s.dialog).toBeNull();
    expect(s.toast?.deletionId).toBe("del1");
    expect(s.focusRequest?.id).toBe("a");
    expect(run(s, { type: "dismiss-toast" }).toast).toBeNull();
  });
});

describe("positions", () => {
  const leveled = [
    { id: "a", level: 1 },
    { id: "b", level: 2 },
    { id: "c", level: 3 },
    { id: "d", level: 2 },
    { id: "e", level: 1 },
  ];
  const draft = (parentId: string | null, afterId: string | null) => ({
    mode: "new" as const,
    key: 1,
    parentId,
    afterId,
    draft: "",
  });

  it("a new cause's draft row goes after the anchor's last visible descendant", () => {
    expect(draftPosition(draft("a", null), leveled)).toEqual({ index: 3, level: 2 });
    expect(draftPosition(draft("a", "b"), leveled)).toEqual({ index: 2, level: 2 });
    expect(draftPosition(draft("c", null), leveled)).toEqual({ index: 2, level: 4 });
    expect(draftPosition(draft(null, null), leveled)).toEqual({ index: -1, level: 1 });
    expect(draftPosition(draft("gone", null), leveled)).toEqual({ index: -1, level: 1 });
    expect(draftPosition(null, leveled)).toBeNull();
  });

  it("after deleting a subtree, focus goes to the nearest row above that remains, else below", () => {
    expect(neighbourAfterDelete(leveled, "b", new Set(["b", "c"]))).toBe("a");
    expect(neighbourAfterDelete(leveled, "a", new Set(["a", "b", "c", "d"]))).toBe("e");
    expect(neighbourAfterDelete([{ id: "a" }], "a", new Set(["a"]))).toBeNull();
  });
});
