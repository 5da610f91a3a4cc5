"use client";
// A "create" form that stays on the page: the action's result, its field errors, the record it
// created (shown once, e.g. with a secret) and the form emptied after each success, so the next
// entry starts clean. Shared by the alert-source, notification-target and API-token forms.
import { useActionState, useEffect, useRef } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";

export function useCreateForm<R>(
  create: (prev: ActionResult<R>, formData: FormData) => Promise<ActionResult<R>>,
) {
  const [result, action] = useActionState(create, initialResult);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = result.ok ? undefined : result.fieldErrors;
  const created = result.ok ? result.data : undefined;
  useEffect(() => {
    if (created) formRef.current?.reset();
  }, [created]);
  return { result, action, formRef, errors, created };
}
