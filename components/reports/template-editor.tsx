"use client";
import { useActionState, useState } from "react";
import { initialResult } from "@/lib/action-result";
import { updateTemplateAction } from "@/lib/reports/actions";
import {
  SECTION_PROMPT_MAX,
  SECTION_TITLE_MAX,
  sectionKind,
  type TemplateSection,
} from "@/lib/reports/sections";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TEMPLATE_NAME_MAX } from "@/lib/reports/schema";

/** Owners choose sections (on/off), their titles, prompts and order. */
export function TemplateEditor({
  template,
}: {
  template: { id: string; name: string; isDefault: boolean; sections: TemplateSection[] };
}) {
  const [result, action] = useActionState(updateTemplateAction, initialResult);
  const [sections, setSections] = useState(template.sections);
  const [name, setName] = useState(template.name);
  const [isDefault, setIsDefault] = useState(template.isDefault);
  const err = (k: string) => (!result.ok ? result.fieldErrors?.[k] : undefined);
  const move = (i: number, d: -1 | 1) =>
    setSections((list) => {
      const next = [...list];
      const j = i + d;
      if (j < 0 || j >= next.length) return list;
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  const update = (i: number, patch: Partial<TemplateSection>) =>
    setSections((list) => list.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const p = `tpl-${template.id}`;

  return (
    <form action={action} className="space-y-4" aria-labelledby={`${p}-heading`} noValidate>
      <input type="hidden" name="templateId" value={template.id} />
      <h2 id={`${p}-heading`} className="text-lg font-semibold">
        {template.name}
        {template.isDefault && (
          <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            Default for new reports
          </span>
        )}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${p}-name`} className="block text-sm font-medium">
            Template name
          </label>
          <input
            id={`${p}-name`}
            name="name"
            value={name}
            maxLength={TEMPLATE_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={err("name") ? true : undefined}
            aria-describedby={`${p}-name-error`}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <p id={`${p}-name-error`} aria-live="polite" className="text-sm text-red-700">
            {err("name")?.[0]}
          </p>
        </div>
        <label className="flex items-center gap-2 self-center text-sm">
          <input
            type="checkbox"
            name="isDefault"
            checked={isDefault}
            onChange={(e) => setIsDefault(e.target.checked)}
            className="h-4 w-4"
          />
          Use for new reports
        </label>
      </div>
      <ol className="space-y-3">
        {sections.map((s, i) => {
          const id = `${p}-${s.key}`;
          const kind = sectionKind(s.key);
          return (
            <li
              key={s.key}
              className={`rounded-lg border p-3 ${s.enabled ? "border-slate-300 bg-white" : "border-dashed border-slate-300 bg-slate-50"}`}
            >
              <input type="hidden" name="sectionKey" value={s.key} />
              {s.fields?.map((f) => (
                <input key={f} type="hidden" name={`fields.${s.key}`} value={f} />
              ))}
              <div className="flex flex-wrap items-center justify-between gap-2">
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input
                    type="checkbox"
                    name={`enabled.${s.key}`}
                    checked={s.enabled}
                    onChange={(e) => update(i, { enabled: e.target.checked })}
                    className="h-4 w-4"
                  />
                  Include “{kind?.defaultTitle ?? s.key}”
                </label>
                <div className="flex gap-1">
                  <Button
                    type="button"
                    variant="ghost"
                    className="px-2 py-1 text-xs"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={`Move ${s.title} up`}
                  >
                    ↑ Up
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="px-2 py-1 text-xs"
                    onClick={() => move(i, 1)}
                    disabled={i === sections.length - 1}
                    aria-label={`Move ${s.title} down`}
                  >
                    ↓ Down
                  </Button>
                </div>
              </div>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                <div className="space-y-1">
                  <label htmlFor={`${id}-title`} className="block text-sm font-medium">
                    Title
                  </label>
                  <input
                    id={`${id}-title`}
                    name={`title.${s.key}`}
                    value={s.title}
                    maxLength={SECTION_TITLE_MAX}
                    onChange={(e) => update(i, { title: e.target.value })}
                    aria-invalid={err(`sections.${i}.title`) ? true : undefined}
                    aria-describedby={`${id}-title-error`}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                  />
                  <p id={`${id}-title-error`} aria-live="polite" className="text-sm text-red-700">
                    {err(`sections.${i}.title`)?.[0]}
                  </p>
                </div>
                <div className="space-y-1">
                  <label htmlFor={`${id}-prompt`} className="block text-sm font-medium">
                    Prompt shown to the author
                  </label>
                  <textarea
                    id={`${id}-prompt`}
                    name={`prompt.${s.key}`}
                    value={s.prompt}
                    rows={2}
                    maxLength={SECTION_PROMPT_MAX}
                    onChange={(e) => update(i, { prompt: e.target.value })}
                    aria-describedby={`${id}-prompt-error`}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                  />
                  <p id={`${id}-prompt-error`} aria-live="polite" className="text-sm text-red-700">
                    {err(`sections.${i}.prompt`)?.[0]}
                  </p>
                </div>
              </div>
              <label className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`internal.${s.key}`}
                  checked={s.internal === true}
                  onChange={(e) => update(i, { internal: e.target.checked })}
                  className="h-4 w-4"
                />
                Internal: leave “{s.title}” out of the customer version
              </label>
              <label className="mt-1 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`required.${s.key}`}
                  checked={s.required === true}
                  onChange={(e) => update(i, { required: e.target.checked })}
                  className="h-4 w-4"
                />
                Required: refuse review and publishing while “{s.title}” has an empty field
              </label>
              {kind && (
                <p className="mt-1 text-xs text-slate-600">
                  Author writes:{" "}
                  {kind.fields
                    .filter((f) => !s.fields?.length || s.fields.includes(f.key))
                    .map((f) => f.label)
                    .join(", ")}
                  {kind.blocks.length > 0 && (
                    <>
                      {" "}
                      · Filled in from the incident:{" "}
                      {kind.blocks
                        .join(", ")
                        .replace("whys", "5 Whys tree")
                        .replace("actions", "action items")}
                    </>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {err("sections")?.map((m) => (
        <p key={m} className="text-sm text-red-700">
          {m}
        </p>
      ))}
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save {template.name}</SubmitButton>
    </form>
  );
}
