"use client";
// Modal dialogs of the 5 Whys editor, on the native <dialog> element: it traps focus, closes on
// Escape and returns focus, so every dialog works from the keyboard alone.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorList } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import {
  ROOT_CAUSE_CATEGORIES,
  ROOT_CAUSE_CATEGORY_LABELS,
  type RootCauseCategory,
} from "@/lib/whys/tree";
import type { WhyEvidence, WhyTimelineEvent } from "@/lib/whys/types";
import { EVIDENCE_LABEL_MAX } from "@/lib/whys/schema";

function Modal({
  title,
  onClose,
  children,
  role = "dialog",
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  role?: "dialog" | "alertdialog";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // React's autoFocus runs before showModal, which then moves focus to the first control.
    dialog?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-modal="true"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

export function DeleteDialog({
  statement,
  count,
  pending,
  onConfirm,
  onClose,
}: {
  statement: string;
  count: number;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      title={count > 1 ? `Delete this cause and ${count - 1} below it?` : "Delete this cause?"}
      onClose={onClose}
      role="alertdialog"
    >
      <p className="text-sm break-words text-slate-700">
        “{statement}”
        {count > 1
          ? ` and the ${count - 1} causes beneath it will be removed, with their evidence.`
          : " will be removed, with its evidence."}{" "}
        You can undo right after.
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending} data-autofocus>
          {pending && <Spinner />}
          {count > 1 ? `Delete ${count} causes` : "Delete cause"}
        </Button>
      </div>
    </Modal>
  );
}

export function RootCauseDialog({
  statement,
  isRootCause,
  category,
  pending,
  errors,
  onSave,
  onClose,
}: {
  statement: string;
  isRootCause: boolean;
  category: RootCauseCategory | null;
  pending: boolean;
  errors?: string[];
  onSave: (isRootCause: boolean, category: RootCauseCategory | null) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState<string>(isRootCause ? (category ?? "OTHER") : "PROCESS");
  return (
    <Modal title="Root cause" onClose={onClose}>
      <p className="text-sm break-words text-slate-700">“{statement}”</p>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(true, value as RootCauseCategory);
        }}
      >
        <div className="space-y-1">
          <label htmlFor="root-cause-category" className="block text-sm font-medium text-slate-800">
            Category
          </label>
          <select
            id="root-cause-category"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-autofocus
            aria-describedby="root-cause-category-error"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {ROOT_CAUSE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ROOT_CAUSE_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
          <ErrorList id="root-cause-category-error" errors={errors} />
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          {isRootCause && (
            <Button
              type="button"
              variant="secondary"
              onClick={() => onSave(false, null)}
              disabled={pending}
            >
              Not a root cause
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending && <Spinner />}
            {isRootCause ? "Save category" : "Mark as root cause"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

export function MoveDialog({
  statement,
  targets,
  pending,
  errors,
  onMove,
  onClose,
}: {
  statement: string;
  targets: { id: string | null; label: string; level: number }[];
  pending: boolean;
  errors?: string[];
  onMove: (parentId: string | null) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState<string>(targets[0]?.id ?? "");
  return (
    <Modal title="Move to…" onClose={onClose}>
      <p className="text-sm break-words text-slate-700">
        Move “{statement}” (with the causes beneath it) under:
      </p>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onMove(value === "" ? null : value);
        }}
      >
        <div className="space-y-1">
          <label htmlFor="move-target" className="block text-sm font-medium text-slate-800">
            New parent
          </label>
          <select
            id="move-target"
            size={Math.min(10, Math.max(2, targets.length))}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-autofocus
            aria-describedby="move-target-error"
            className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {targets.map((t) => (
              <option key={t.id ?? ""} value={t.id ?? ""}>
                {"\u00a0\u00a0".repeat(t.level)}
                {t.label}
              </option>
            ))}
          </select>
          <ErrorList id="move-target-error" errors={errors} />
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || targets.length === 0}>
            {pending && <Spinner />}
            Move here
          </Button>
        </div>
      </form>
    </Modal>
  );
}

export function EvidenceDialog({
  statement,
  evidence,
  events,
  pending,
  errors,
  onCite,
  onAddLink,
  onRemove,
  onClose,
}: {
  statement: string;
  evidence: WhyEvidence[];
  events: WhyTimelineEvent[];
  pending: boolean;
  errors?: Record<string, string[] | undefined>;
  onCite: (timelineEventId: string) => void;
  onAddLink: (url: string, label: string) => void;
  onRemove: (evidenceId: string) => void;
  onClose: () => void;
}) {
  const cited = new Set(evidence.map((e) => e.timelineEventId).filter(Boolean));
  const available = events.filter((e) => !cited.has(e.id));
  const [eventId, setEventId] = useState(available[0]?.id ?? "");
  const [url, setUrl] = useState("");
  const [label, setLabel] = useState("");
  const eventsById = new Map(events.map((e) => [e.id, e]));
  return (
    <Modal title="Evidence" onClose={onClose}>
      <p className="text-sm break-words text-slate-700">What supports “{statement}”?</p>
      {evidence.length > 0 && (
        <ul aria-label="Cited evidence" className="space-y-1 text-sm">
          {evidence.map((e) => {
            const text = e.url
              ? e.label
                ? `${e.label} (${e.url})`
                : e.url
              : (eventsById.get(e.timelineEventId ?? "")?.body ?? "Timeline event");
            return (
              <li
                key={e.id}
                className="flex items-start justify-between gap-2 rounded bg-slate-50 px-2 py-1"
              >
                <span className="min-w-0 break-words">{text}</span>
                <Button
                  variant="ghost"
                  className="px-2 py-0.5 text-xs"
                  onClick={() => onRemove(e.id)}
                  disabled={pending}
                  aria-label={`Remove citation: ${text}`}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (eventId) onCite(eventId);
        }}
      >
        <label htmlFor="evidence-event" className="block text-sm font-medium text-slate-800">
          Timeline event
        </label>
        {available.length === 0 ? (
          <p className="text-sm text-slate-600">
            {events.length === 0
              ? "This incident has no timeline events yet: add them on the Timeline tab."
              : "Every timeline event is already cited."}
          </p>
        ) : (
          <div className="flex flex-wrap gap-2">
            <select
              id="evidence-event"
              value={eventId}
              onChange={(e) => setEventId(e.target.value)}
              data-autofocus
              aria-describedby="evidence-event-error"
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
            >
              {available.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {new Date(ev.occurredAt).toLocaleString(undefined, {
                    month: "short",
                    day: "numeric",
                    hour: "2-digit",
                    minute: "2-digit",
                  })}{" "}
                  · {ev.kind.toLowerCase()} · {ev.body.slice(0, 90)}
                </option>
              ))}
            </select>
            <Button type="submit" disabled={pending}>
              Cite event
            </Button>
          </div>
        )}
        <ErrorList id="evidence-event-error" errors={errors?.timelineEventId} />
      </form>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          onAddLink(url, label);
        }}
      >
        <div className="grid gap-2 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="evidence-url" className="block text-sm font-medium text-slate-800">
              Link (http or https)
            </label>
            <input
              id="evidence-url"
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://grafana.example.com/d/…"
              aria-invalid={errors?.url ? true : undefined}
              aria-describedby="evidence-url-error"
              className="block w-full rounded-md border border-slate-300 px-2 py-2 text-sm aria-[invalid=true]:border-red-600"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="evidence-label" className="block text-sm font-medium text-slate-800">
              Label (optional)
            </label>
            <input
              id="evidence-label"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={EVIDENCE_LABEL_MAX}
              className="block w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
            />
          </div>
        </div>
        <ErrorList id="evidence-url-error" errors={errors?.url} />
        <div className="flex justify-end gap-2">
          <Button type="submit" variant="secondary" disabled={pending}>
            Add link
          </Button>
          <Button type="button" onClick={onClose}>
            Done
          </Button>
        </div>
      </form>
    </Modal>
  );
}
