"use client";
// The guided "Why?" panel: the path from the problem to the selected cause, the next question,
// an answer box (with wording hints), and a toolbar of commands for the selected cause.
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { WhyChangeResult } from "@/lib/whys/actions";
import { checkStatement } from "@/lib/whys/quality";
import { statementSchema } from "@/lib/whys/schema";
import { pathTo, STATEMENT_MAX } from "@/lib/whys/tree";
import type { WhySession } from "@/lib/whys/types";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { SimilarWhileTyping } from "@/components/search/similar-while-typing";
import { firstError, quote } from "./results";
import type { GuidedCommand } from "./use-why-editor";

export function GuidedPanel({
  session,
  byId,
  focusedId,
  pending,
  onFocus,
  onAdd,
  onCommand,
}: {
  session: WhySession;
  byId: Map<string, WhySession["nodes"][number]>;
  focusedId: string | null;
  pending: boolean;
  onFocus: (id: string) => void;
  onAdd: (
    statement: string,
    mode: "child" | "sibling" | "top",
  ) => Promise<ActionResult<WhyChangeResult>>;
  onCommand: (kind: GuidedCommand) => void;
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
    <section
      aria-labelledby="why-question"
      className="no-print space-y-3 rounded-lg border border-blue-200 bg-blue-50/60 p-4"
    >
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
                <button
                  type="button"
                  className="text-blue-800 underline"
                  onClick={() => onFocus(p.id)}
                >
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
          Enter adds the answer beneath and asks why again. Describe conditions and systems, not
          people. {answer.length}/{STATEMENT_MAX}
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
        <SimilarWhileTyping incidentId={session.incidentId} text={answer} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending && <Spinner />}
            Add answer
          </Button>
          {node && (
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => void submit("sibling")}
            >
              Another cause of {quote(parent ? parent.statement : "the problem", 40)}
            </Button>
          )}
          {node && (
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => void submit("top")}
            >
              New branch from the problem
            </Button>
          )}
        </div>
      </form>
      {node && (
        <div
          role="toolbar"
          aria-label="Selected cause"
          className="flex flex-wrap gap-1 border-t border-blue-200 pt-2"
        >
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
          <Button
            variant="ghost"
            className="px-2 py-1"
            onClick={() => onCommand("up")}
            aria-label="Move up among its siblings"
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            className="px-2 py-1"
            onClick={() => onCommand("down")}
            aria-label="Move down among its siblings"
          >
            ↓
          </Button>
          <Button
            variant="ghost"
            className="px-2 py-1 text-red-800"
            onClick={() => onCommand("delete")}
          >
            Delete…
          </Button>
        </div>
      )}
    </section>
  );
}
