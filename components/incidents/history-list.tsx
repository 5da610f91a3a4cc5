import { whatHappened, type Sentence } from "@/lib/audit/sentence";
import type { AuditEntry } from "@/lib/audit/schema";
import { LocalTime } from "@/components/incidents/local-time";

export interface HistoryItem {
  id: string;
  who: string;
  entry: AuditEntry | null;
  action: string;
  createdAt: string;
}

function SentenceView({ sentence }: { sentence: Sentence }) {
  return sentence.map((part, i) =>
    typeof part === "string" ? part : <LocalTime key={i} iso={part.time} />,
  );
}

/** The History tab: one plain sentence per change, newest first (rows parsed by the page). */
export function HistoryList({ items }: { items: HistoryItem[] }) {
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((e) => (
        <li key={e.id} className="px-4 py-3 text-sm" data-testid="history-entry">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="break-words text-slate-800">
              <span className="font-medium text-slate-900">{e.who}</span>{" "}
              <SentenceView sentence={whatHappened(e.entry, e.action)} />
            </p>
            <LocalTime iso={e.createdAt} className="text-xs text-slate-600" />
          </div>
        </li>
      ))}
    </ol>
  );
}
