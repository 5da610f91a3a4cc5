"use client";
// The problem statement the tree explains: shown as the tree's heading, edited in place by editors.
import { useState } from "react";
import { updateProblemStatementAction } from "@/lib/whys/actions";
import { PROBLEM_MAX } from "@/lib/whys/tree";
import type { WhySession } from "@/lib/whys/types";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { call, firstError } from "./results";

export function ProblemStatement({
  session,
  canEdit,
  onSaved,
  announce,
}: {
  session: WhySession;
  canEdit: boolean;
  onSaved: (s: WhySession) => void;
  announce: (t: string) => void;
}) {
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
          const result = await call(
            updateProblemStatementAction({
              incidentId: session.incidentId,
              problem: editing.draft,
              basedOn: editing.basedOn,
            }),
          );
          setPending(false);
          if (!result.ok) {
            setError(firstError(result, "problem"));
            if (result.conflict)
              setEditing({ ...editing, basedOn: String(result.conflict.current.problem ?? "") });
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
          maxLength={PROBLEM_MAX}
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
    <section
      aria-labelledby="why-problem-heading"
      className="rounded-lg border-2 border-slate-800 bg-white p-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2
          id="why-problem-heading"
          className="text-xs font-semibold tracking-wide text-slate-700 uppercase"
        >
          Problem
        </h2>
        {canEdit && (
          <Button
            variant="ghost"
            className="no-print px-2 py-1"
            onClick={() => setEditing({ draft: session.problem, basedOn: session.problem })}
          >
            Edit problem statement
          </Button>
        )}
      </div>
      <p
        className="mt-1 font-medium break-words whitespace-pre-wrap text-slate-900"
        data-testid="why-problem"
      >
        {session.problem}
      </p>
      {session.problemStatement === null && (
        <p className="mt-1 text-xs text-slate-600">
          Taken from the incident&apos;s customer impact. Edit it to say exactly what the tree
          explains.
        </p>
      )}
    </section>
  );
}
