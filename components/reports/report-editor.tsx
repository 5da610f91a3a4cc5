"use client";
// The draft editor: one Markdown field per narrative field, autosaved a moment after typing
// stops. Saves carry the report version; edits to different sections by different people
// merge, and a real conflict shows the other person's text while keeping the user's own.
import { useCallback, useEffect, useRef, useState } from "react";
import { saveNarrativeAction } from "@/lib/reports/actions";
import { reportCompleteness } from "@/lib/reports/snapshot";
import {
  CUSTOMER_SUMMARY_KEY,
  sectionFields,
  type Narrative,
  type TemplateSection,
} from "@/lib/reports/sections";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { MarkdownPreviewFrame } from "@/components/markdown/markdown-preview";
import { useUnsavedEdits } from "./unsaved-edits";

const AUTOSAVE_MS = 800;
const MAX = 20_000;

// The last save's outcome; whether everything is stored is derived from the text itself.
type SaveOutcome =
  { kind: "none" } | { kind: "saved" } | { kind: "error"; message: string } | { kind: "conflict" };

export function ReportEditor({
  incidentId,
  initialVersion,
  initialNarrative,
  sections,
  autoContent,
  sectionExtras,
}: {
  incidentId: string;
  initialVersion: number;
  initialNarrative: Narrative;
  sections: TemplateSection[];
  autoContent: Record<string, React.ReactNode>;
  sectionExtras: Record<string, React.ReactNode>;
}) {
  const [values, setValues] = useState<Narrative>(initialNarrative);
  const saved = useRef<Narrative>(initialNarrative);
  const version = useRef(initialVersion);
  const inFlight = useRef(false);
  const valuesRef = useRef(values);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome>({ kind: "none" });
  // Bumped after each save so text typed while a save was in flight gets its own save.
  const [tick, setTick] = useState(0);
  const [conflict, setConflict] = useState<{
    theirs: Narrative;
    fields: string[];
    version: number;
  } | null>(null);
  const edits = useUnsavedEdits();
  const setSharedVersion = edits?.setVersion;

  // What the server has stored, as state so the status line re-renders when it changes.
  const [savedView, setSavedView] = useState<Narrative>(initialNarrative);
  useEffect(() => {
    valuesRef.current = values;
  }, [values]);
  const dirtyKeys = useCallback(
    () =>
      Object.keys(valuesRef.current).filter(
        (k) => (valuesRef.current[k] ?? "") !== (saved.current[k] ?? ""),
      ),
    [],
  );
  // "Saved" is only ever true when every field's latest text equals what the server stored.
  const dirty = Object.keys(values).some((k) => (values[k] ?? "") !== (savedView[k] ?? ""));
  const unsaved = dirty || saving;

  const save = useCallback(async () => {
    if (inFlight.current || conflict) return;
    const keys = dirtyKeys();
    if (!keys.length) return;
    const changes = Object.fromEntries(keys.map((k) => [k, valuesRef.current[k] ?? ""]));
    if (keys.some((k) => changes[k].length > MAX)) {
      setOutcome({
        kind: "error",
        message: `A field is longer than ${MAX.toLocaleString("en")} characters; shorten it to save.`,
      });
      return;
    }
    const baseline = Object.fromEntries(keys.map((k) => [k, saved.current[k] ?? ""]));
    inFlight.current = true;
    setSaving(true);
    try {
      const result = await saveNarrativeAction(incidentId, {
        baseVersion: version.current,
        changes,
        baseline,
      });
      if (result.ok && result.data) {
        version.current = result.data.version;
        setSharedVersion?.(result.data.version);
        const server = result.data.narrative;
        const before = saved.current;
        // Fields nobody here is editing pick up what others saved in the meantime.
        setValues((current) => {
          const next = { ...current };
          for (const [k, v] of Object.entries(server))
            if ((current[k] ?? "") === (before[k] ?? "") && !(k in changes)) next[k] = v;
          return next;
        });
        saved.current = { ...server };
        setSavedView(saved.current);
        setOutcome({ kind: "saved" });
      } else if (!result.ok && result.conflict) {
        const current = result.conflict.current as { narrative: Narrative; version: number };
        setConflict({
          theirs: current.narrative,
          fields: result.conflict.changed,
          version: current.version,
        });
        setOutcome({ kind: "conflict" });
      } else if (!result.ok) {
        const fieldMessage = result.fieldErrors
          ? Object.values(result.fieldErrors).flat()[0]
          : undefined;
        setOutcome({ kind: "error", message: fieldMessage ?? result.message });
      }
    } catch {
      setOutcome({
        kind: "error",
        message:
          "Could not reach the server. Your text is still here; we will retry when you type again.",
      });
    } finally {
      inFlight.current = false;
      setSaving(false);
      setTick((t) => t + 1);
    }
  }, [conflict, dirtyKeys, incidentId, setSharedVersion]);

  useEffect(() => {
    if (!dirtyKeys().length || conflict) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [values, tick, save, dirtyKeys, conflict]);

  const setUnsaved = edits?.setUnsaved;
  const setFlush = edits?.setFlush;
  useEffect(() => {
    setUnsaved?.(unsaved);
  }, [setUnsaved, unsaved]);
  useEffect(() => {
    setFlush?.(() => void save());
    return () => setUnsaved?.(false);
  }, [save, setFlush, setUnsaved]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (inFlight.current || dirtyKeys().length) {
        e.preventDefault();
        // Older browsers show the dialog only when returnValue is set.
        e.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirtyKeys]);

  function resolve(keepMine: boolean) {
    if (!conflict) return;
    const theirs = conflict.theirs;
    version.current = conflict.version;
    setSharedVersion?.(conflict.version);
    saved.current = { ...theirs };
    setSavedView(saved.current);
    if (!keepMine) {
      setValues((current) => {
        const next = { ...current };
        for (const k of conflict.fields) next[k] = theirs[k] ?? "";
        return next;
      });
    }
    setConflict(null);
    setOutcome({ kind: "none" });
  }

  const enabled = sections.filter((s) => s.enabled);
  const completeness = reportCompleteness(enabled, values);
  const labelOf = (key: string) =>
    enabled.flatMap((s) => sectionFields(s)).find((f) => f.key === key)?.label ?? key;

  const field = (key: string, label: string, hint = "Markdown.", required = false) => {
    const id = `narrative-${key}`;
    const value = values[key] ?? "";
    return (
      <div key={key} className="space-y-1">
        <MarkdownPreviewFrame
          fieldId={id}
          label={label}
          source={value}
          labelElement={
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {label}
            </label>
          }
        >
          <textarea
            id={id}
            name={key}
            rows={Math.min(14, Math.max(4, value.split("\n").length + 1))}
            value={value}
            aria-describedby={`${id}-hint`}
            aria-required={required || undefined}
            aria-invalid={value.length > MAX || undefined}
            onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
            onBlur={() => void save()}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600"
          />
        </MarkdownPreviewFrame>
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}{" "}
          {value.length > MAX * 0.9
            ? `${value.length.toLocaleString("en")} of ${MAX.toLocaleString("en")} characters.`
            : ""}
        </p>
      </div>
    );
  };

  return (
    <div className="space-y-6">
      <div className="sticky top-0 z-10 -mx-2 flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-sm shadow-sm">
        <CompletenessIndicator completeness={completeness} />
        <p aria-live="polite" role="status" className="min-h-5" data-testid="save-state">
          <SaveStatus outcome={outcome} saving={saving} dirty={dirty} />
        </p>
      </div>

      {conflict && (
        <div
          role="alert"
          className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm"
        >
          <p className="font-medium text-amber-950">
            Someone else saved changes to the same section while you were typing. Your text is kept
            in the editor; compare and choose.
          </p>
          {conflict.fields.map((k) => (
            <div key={k}>
              <p className="font-medium">{labelOf(k)} — their saved text:</p>
              <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded border border-amber-200 bg-white p-2 font-sans">
                {conflict.theirs[k] || "(empty)"}
              </pre>
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => resolve(true)}>
              Keep my text and save it
            </Button>
            <Button type="button" variant="secondary" onClick={() => resolve(false)}>
              Use their text
            </Button>
          </div>
        </div>
      )}

      {enabled.map((section) => (
        <section
          key={section.key}
          aria-labelledby={`edit-${section.key}`}
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <div>
            <h2 id={`edit-${section.key}`} className="text-lg font-semibold">
              {section.title}
              {section.required && " "}
              {section.required && (
                <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 align-middle text-xs font-medium text-slate-700">
                  Required
                </span>
              )}
            </h2>
            {section.prompt && <p className="text-sm text-slate-600">{section.prompt}</p>}
          </div>
          {sectionFields(section).map((f) =>
            field(
              f.key,
              f.label,
              section.required ? "Markdown. Required." : undefined,
              section.required,
            ),
          )}
          {autoContent[section.key] && (
            <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
              <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600">
                Filled in from the incident
              </p>
              {autoContent[section.key]}
            </div>
          )}
          {sectionExtras[section.key]}
        </section>
      ))}

      <section
        aria-labelledby="edit-customer-summary"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div>
          <h2 id="edit-customer-summary" className="text-lg font-semibold">
            Customer version
          </h2>
          <p className="text-sm text-slate-600">
            Optional. A few sentences for customers: what they saw, for how long, and what we are
            changing. It opens the customer version, which leaves out internal sections and shows
            roles instead of names.
          </p>
        </div>
        {field(
          CUSTOMER_SUMMARY_KEY,
          "Customer summary",
          "Markdown. Not part of the internal report.",
        )}
      </section>
    </div>
  );
}

function SaveStatus({
  outcome,
  saving,
  dirty,
}: {
  outcome: SaveOutcome;
  saving: boolean;
  dirty: boolean;
}) {
  if (outcome.kind === "conflict")
    return <span className="text-red-800">Not saved: someone else changed the same section.</span>;
  if (saving) return <Spinner label="Saving…" />;
  if (outcome.kind === "error" && dirty)
    return <span className="text-red-800">Not saved: {outcome.message}</span>;
  if (dirty) return <span className="text-slate-600">Unsaved changes…</span>;
  if (outcome.kind === "saved") return <span className="text-green-800">All changes saved</span>;
  return null;
}

export function CompletenessIndicator({
  completeness,
}: {
  completeness: ReturnType<typeof reportCompleteness>;
}) {
  const missing = completeness.sections.flatMap((s) =>
    s.emptyFields.map((f) => `${s.title}: ${f.label}`),
  );
  return (
    <div className="text-sm" data-testid="completeness">
      <p>
        <span className="font-medium">
          {completeness.filled} of {completeness.total} fields written
        </span>
        {completeness.complete ? <span className="ml-2 text-green-800">— complete</span> : null}
      </p>
      {missing.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-700">
            Still empty ({missing.length})
          </summary>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
