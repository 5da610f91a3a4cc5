// A group of radio buttons, each with a bold title and a line of explanation below it, and the
// group's errors in a live region the fieldset points to (the share form's audience and link
// mode). Works without JS: the checked option is the form's value.
import type { ReactNode } from "react";
import { ErrorList } from "./field";

export interface RadioCard {
  value: string;
  title: string;
  description: ReactNode;
  disabled?: boolean;
}

export function RadioCards({
  name,
  legend,
  value,
  options,
  errors,
}: {
  name: string;
  legend: string;
  /** The option checked when the form renders. */
  value: string;
  options: RadioCard[];
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={`${name}-error`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={o.value}
            defaultChecked={value === o.value}
            disabled={o.disabled}
            className="mt-1"
          />
          <span>
            <span className="font-medium">{o.title}</span>
            <span className="block text-slate-600">{o.description}</span>
          </span>
        </label>
      ))}
      <ErrorList id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}
