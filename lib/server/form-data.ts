// The one way FormData becomes a plain object before zod parses it: a key sent once is a
// string, a key sent several times (checkbox groups, multi-selects) an array. Files are kept.
export type FormValue = string | File | (string | File)[];

export function formDataToObject(formData: FormData): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next's own hidden fields
    const values = formData.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** Raw input of an action: a FormData from a form, or a plain object from a client call. */
export function toInputObject(input: unknown): unknown {
  return input instanceof FormData ? formDataToObject(input) : input;
}

/** A list as a form sends it: absent → [], one value → [value], several → as they are. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
