// The GET filter form above the incident list, search results and insights: one look, one
// label/control pairing and one "any" option, so the three bars cannot drift apart. Plain HTML
// (no client JS): the URL keeps the view and the browser's own form submission applies it.
import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/incidents/constants";

const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const labelClass = "mb-1 block text-xs font-medium text-slate-700";

/** The form: `action` is the page itself; `search` marks it as the page's search landmark. */
export function FilterBar({
  action,
  label,
  search = false,
  className,
  children,
}: {
  action: string;
  label: string;
  search?: boolean;
  /** Grid columns and spacing beyond the shared look. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role={search ? "search" : undefined}
      aria-label={label}
      className={cn(
        "grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:items-end",
        className,
      )}
    >
      {children}
    </form>
  );
}

/** A labelled filter field in its grid cell. */
function FilterCell({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

type Option = string | { value: string; label: string };

/** A select whose empty first option means "no filter" (`anyLabel`: "Any service"…). */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  /** Leave out for a select that always has a value (sorting). */
  anyLabel?: string;
  options: readonly Option[];
}) {
  return (
    <FilterCell id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ""} className={control}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </FilterCell>
  );
}

/** A text, date, month or number filter. */
export function FilterInput({
  id,
  label,
  cellClassName,
  ...rest
}: {
  id: string;
  name: string;
  label: string;
  cellClassName?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <FilterCell id={id} label={label} className={cellClassName}>
      <input id={id} className={control} {...rest} />
    </FilterCell>
  );
}

/** Enum values with their labels, as FilterSelect options. */
export function labelled<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): Option[] {
  return values.map((v) => ({ value: v, label: labels[v] }));
}

/** The filters the incident list and search share, with the same words on both pages. */
export function SeverityFilter({ id, value }: { id: string; value: string | undefined }) {
  return (
    <FilterSelect
      id={id}
      name="severity"
      label="Severity"
      value={value}
      anyLabel="Any severity"
      options={labelled(SEVERITIES, SEVERITY_LABELS)}
    />
  );
}

export function ServiceFilter({
  id,
  value,
  services,
  anyLabel = "Any service",
}: {
  id: string;
  value: string | undefined;
  services: readonly string[];
  anyLabel?: string;
}) {
  return (
    <FilterSelect
      id={id}
      name="service"
      label="Service"
      value={value}
      anyLabel={anyLabel}
      options={services}
    />
  );
}

/** "Started from" and "Started until" dates (`${idPrefix}-from`, `${idPrefix}-to`). */
export function StartedRange({
  idPrefix,
  from,
  to,
}: {
  idPrefix: string;
  from: string | undefined;
  to: string | undefined;
}) {
  return (
    <>
      <FilterInput
        id={`${idPrefix}-from`}
        type="date"
        name="from"
        label="Started from"
        defaultValue={from ?? ""}
      />
      <FilterInput
        id={`${idPrefix}-to`}
        type="date"
        name="to"
        label="Started until"
        defaultValue={to ?? ""}
      />
    </>
  );
}
