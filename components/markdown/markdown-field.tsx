"use client";
// A Markdown textarea with the usual label, hint and live-region errors (components/ui/field.tsx)
// and the live preview beside it.
import type { TextareaHTMLAttributes } from "react";
import { describedBy } from "@/components/ui/field";
import { MarkdownPreviewFrame } from "./markdown-preview";

export function MarkdownTextArea({
  name,
  label,
  errors,
  hint,
  id = name,
  value,
  ...rest
}: {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  id?: string;
  value: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value">) {
  return (
    <div className="space-y-1">
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
          name={name}
          value={value}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint)}
          {...rest}
        />
      </MarkdownPreviewFrame>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <div id={`${id}-error`} aria-live="polite" aria-atomic="true">
        {errors?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
