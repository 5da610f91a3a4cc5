"use client";
// A Markdown textarea with the usual label, hint and live-region errors (components/ui/field.tsx)
// and the live preview beside it.
import type { TextareaHTMLAttributes } from "react";
import { controlClass, describedBy, FieldNotes } from "@/components/ui/field";
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
          className={controlClass}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint)}
          {...rest}
        />
      </MarkdownPreviewFrame>
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}
