"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { authorize } from "@/lib/auth/session";
import { authorizeIncident } from "@/lib/incidents/access";
import { runAction } from "@/lib/run-action";
import { changeActionStatus, createActionItem, deleteActionItem, updateActionItem } from "./mutations";
import { actionItemFormValues, createActionItemSchema, statusChangeSchema, updateActionItemSchema } from "./schema";

function revalidate(incidentId: string) {
  revalidatePath("/actions");
  revalidatePath(`/incidents/${incidentId}/actions`);
  revalidatePath(`/incidents/${incidentId}/whys`);
  revalidatePath(`/incidents/${incidentId}/report`);
}

export async function createActionItemAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction<{ id: string }>(async () => {
    const { ctx } = await authorizeIncident(incidentId, "incident:write");
    const input = createActionItemSchema.parse(actionItemFormValues(formData));
    const item = await createActionItem({ teamId: ctx.team.id, userId: ctx.user.id }, incidentId, input);
    revalidate(incidentId);
    return { ok: true, message: "Action item created.", data: { id: item.id } };
  });
  if (result.ok && formData.get("returnTo") === "whys") redirect(`/incidents/${incidentId}/whys`);
  if (result.ok) redirect(`/incidents/${incidentId}/actions?created=1`);
  return result;
}

export async function updateActionItemAction(itemId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("incident:write");
    const input = updateActionItemSchema.parse(actionItemFormValues(formData));
    const { incidentId } = await updateActionItem({ teamId: ctx.team.id, userId: ctx.user.id }, String(itemId), input);
    revalidate(incidentId);
    revalidatePath(`/incidents/${incidentId}/actions/${itemId}`);
    return { ok: true, message: "Action item saved." };
  });
}

export async function changeActionStatusAction(itemId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("incident:write");
    const input = statusChangeSchema.parse({ version: formData.get("version"), status: formData.get("status"), wontDoReason: formData.get("wontDoReason") ?? "" });
    const { incidentId } = await changeActionStatus({ teamId: ctx.team.id, userId: ctx.user.id }, String(itemId), input);
    revalidate(incidentId);
    return { ok: true, message: input.status === "DONE" ? "Marked done." : "Status changed." };
  });
}

export async function deleteActionItemAction(itemId: string, _prev: ActionResult, _formData: FormData): Promise<ActionResult> {
  const result = await runAction<{ incidentId: string }>(async () => {
    const ctx = await authorize("incident:write");
    const item = await deleteActionItem({ teamId: ctx.team.id, userId: ctx.user.id }, String(itemId));
    revalidate(item.incidentId);
    return { ok: true, data: { incidentId: item.incidentId } };
  });
  if (result.ok && result.data) redirect(`/incidents/${result.data.incidentId}/actions?deleted=1`);
  return result.ok ? { ok: true } : result;
}
