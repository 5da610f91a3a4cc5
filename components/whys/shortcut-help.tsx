// The keyboard shortcuts listed on screen (the same keys as treeKeyCommand in editor-reducer.ts).
export function ShortcutHelp({ canEdit }: { canEdit: boolean }) {
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
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs">
                {k}
              </kbd>
            </dt>
            <dd className="text-slate-700">{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
