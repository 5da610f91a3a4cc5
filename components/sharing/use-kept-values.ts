"use client";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";

/**
 * useActionState for an uncontrolled form that keeps what the user typed. React resets a form
 * after its action runs; feeding the submitted values back as default values makes that
 * reset restore them, so a field error never wipes the input. `clearOnSuccess` starts over.
 */
export function useKeptValues(
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult>,
  clearOnSuccess: boolean,
) {
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [result, formAction] = useActionState(async (prev: ActionResult, formData: FormData) => {
    const next = await action(prev, formData);
    const submitted: Record<string, string> = {};
    formData.forEach((v, k) => {
      if (typeof v === "string") submitted[k] = v;
    });
    setValues(next.ok && clearOnSuccess ? null : submitted);
    return next;
  }, initialResult);
  return { result, formAction, values };
}
