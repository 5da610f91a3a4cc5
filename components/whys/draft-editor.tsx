"use client";
// The text box a 5 Whys cause is written in (in its row, or as a new row), with its live
// statement hints; split from why-tree.tsx.
import { useEffect, useRef } from "react";
import type { Hint } from "@/lib/whys/quality";
import { checkStatement } from "@/lib/whys/quality";
import { STATEMENT_MAX } from "@/lib/whys/tree";

export function DraftEditor({
  editKey,
  label,
  draft,
  conflict,
  memberNames,
  onChange,
  onKey,
}: {
  editKey: number;
  label: string;
  draft: string;
  conflict?: string;
  memberNames: string[];
  onChange: (key: number, v: string) => void;
  onKey: (e: React.KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const hints = checkStatement(draft, { memberNames });
  const tooLong = draft.length > STATEMENT_MAX;
  return (
    <div className="mt-1 space-y-1" onClick={(e) => e.stopPropagation()}>
      <label htmlFor="why-draft" className="sr-only">
        {label}
      </label>
      <textarea
        ref={ref}
        id="why-draft"
        rows={2}
        value={draft}
        onChange={(e) => onChange(editKey, e.target.value)}
        onKeyDown={onKey}
        aria-invalid={tooLong || Boolean(conflict) || undefined}
        aria-describedby="why-draft-help why-draft-hints"
        className="block w-full rounded-md border border-blue-600 bg-white px-2 py-1 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <p id="why-draft-help" className="text-xs text-slate-600">
        Enter saves · Tab saves and asks why again · Shift+Enter saves and adds another cause · Esc
        cancels
        <span className={tooLong ? "ml-2 font-medium text-red-700" : "ml-2"}>
          {draft.length}/{STATEMENT_MAX}
        </span>
      </p>
      <div id="why-draft-hints" aria-live="polite">
        {conflict && (
          <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-sm text-red-800">
            {conflict}
          </p>
        )}
        {hints.map((h) => (
          <HintLine key={h.rule} hint={h} />
        ))}
      </div>
    </div>
  );
}

export function HintLine({ hint }: { hint: Hint }) {
  return (
    <p className="text-xs text-amber-900" data-hint={hint.rule}>
      <span className="font-semibold">Hint: </span>
      <span className="font-medium">{hint.message}</span>
      {hint.suggestion && <span> {hint.suggestion}</span>}
    </p>
  );
}
