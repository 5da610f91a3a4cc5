"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { authorize } from "@/lib/auth/session";
import { runAction } from "@/lib/run-action";
import { authorizeIncident } from "./access";
import { createIncident, deleteIncident, updateIncident } from "./mutations";
import { formObject, INCIDENT_FORM_KEYS, incidentInputSchema, incidentRefSchema } from "./schema";

export async function createIncidentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  let id = "";
  const result = await runAction(async () => {
    const ctx = await authorize("incident:write");
    const input = incidentInputSchema.parse(formObject(formData, INCIDENT_FORM_KEYS));
    const incident = await createIncident(ctx, input);
    id = incident.id;
    revalidatePath("/incidents");
    revalidatePath("/");
    return { ok: true as const };
  });
  if (result.ok) redirect(`/incidents/${id}`);
  return result;
}

export async function updateIncidentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  let id = "";
  const result = await runAction(async () => {
    const ref = incidentRefSchema.parse(formObject(formData, ["id", "version"]));
    const { ctx } = await authorizeIncident(ref.id, "incident:write");
    const input = incidentInputSchema.parse(formObject(formData, INCIDENT_FORM_KEYS));
    await updateIncident(ctx, ref.id, ref.version, input);
    id = ref.id;
    revalidatePath(`/incidents/${ref.id}`, "layout");
    revalidatePath("/incidents");
    revalidatePath("/");
    return { ok: true as const };
  });
  if (result.ok) redirect(`/incidents/${id}`);
  return result;
}

export async function deleteIncidentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const ref = incidentRefSchema.parse(formObject(formData, ["id", "version"]));
    const { ctx } = await authorizeIncident(ref.id, "incident:write");
    await deleteIncident(ctx, ref.id, ref.version);
    revalidatePath("/incidents");
    revalidatePath("/");
    return { ok: true as const };
  });
  if (result.ok) redirect("/incidents");
  return result;
}
