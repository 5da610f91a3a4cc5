"use client";
import Link from "next/link";
import { useEffect, useState } from "react";

interface Item {
  incidentId: string;
  incidentKey: string;
  title: string;
  score: number;
  matchedStatement: string | null;
  rootCauses: { statement: string }[];
  actions: { done: number; open: number };
}

const DEBOUNCE_MS = 500;
const MIN_LENGTH = 12;

/**
 * "This happened before" while a cause is typed in the 5 Whys editor: asks the server once
 * typing pauses, ignores answers to older text, and shows nothing when nothing is similar
 * enough, so it never interrupts.
 */
export function SimilarWhileTyping({ incidentId, text }: { incidentId: string; text: string }) {
  const [result, setResult] = useState<{ text: string; items: Item[] }>({ text: "", items: [] });
  const query = text.trim();
  useEffect(() => {
    if (query.length < MIN_LENGTH) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(
          `/api/incidents/${encodeURIComponent(incidentId)}/similar?text=${encodeURIComponent(query)}`,
          { signal: controller.signal },
        );
        if (!res.ok) return;
        const body = (await res.json()) as { similar: Item[] };
        setResult({ text: query, items: body.similar });
      } catch {
        // Aborted or offline: the hint is optional.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [incidentId, query]);
  const items = query.length >= MIN_LENGTH && result.text === query ? result.items : [];
  if (items.length === 0) return null;
  return (
    <aside
      aria-label="This happened before"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="similar-while-typing"
    >
      <p className="font-medium text-slate-900">This happened before:</p>
      <ul className="mt-1 space-y-1">
        {items.map((s) => (
          <li key={s.incidentId}>
            <Link
              href={`/incidents/${s.incidentId}`}
              target="_blank"
              className="text-blue-800 underline"
            >
              {s.incidentKey} · {s.title}
              <span className="sr-only"> (opens in a new tab)</span>
            </Link>
            {s.matchedStatement && (
              <span className="text-slate-700"> — “{s.matchedStatement}”</span>
            )}
            <span className="text-xs text-slate-600">
              {" "}
              (action items: {s.actions.done} done, {s.actions.open} open)
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
