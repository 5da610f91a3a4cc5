"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { invalid, type ActionResult } from "@/lib/action-result";
import { ACTIVE_TEAM_COOKIE, getCurrentUser } from "@/lib/auth/session";
import { failure } from "@/lib/action-result";
import { isMember } from "./data";
import { createTeam } from "./mutations";
import { createTeamSchema } from "./schema";

async function setActiveTeam(teamId: string) {
  (await cookies()).set(ACTIVE_TEAM_COOKIE, teamId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}

export async function createTeamAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return failure("Your session has ended. Sign in again.");
  const parsed = createTeamSchema.safeParse({ name: formData.get("name") });
  if (!parsed.success) return invalid(parsed.error);
  const team = await createTeam(user.id, parsed.data.name);
  await setActiveTeam(team.id);
  redirect("/");
}

export async function switchTeamAction(formData: FormData) {
  const user = await getCurrentUser();
  const teamId = String(formData.get("teamId") ?? "");
  if (!user || !(await isMember(user.id, teamId))) return;
  await setActiveTeam(teamId);
  redirect("/");
}
