import { z } from "zod";
import { emailSchema } from "@/lib/auth/schema";

export const TEAM_NAME_MAX = 80;
export const DISPLAY_NAME_MAX = 80;

export const teamNameSchema = z
  .string()
  .trim()
  .min(2, "Team name needs at least 2 characters.")
  .max(TEAM_NAME_MAX, `Team name can be at most ${TEAM_NAME_MAX} characters.`);

export const createTeamSchema = z.object({ name: teamNameSchema });

export const renameTeamSchema = z.object({ name: teamNameSchema });

const id = (what: string) =>
  z
    .string({ error: `Missing ${what}.` })
    .min(1, `Missing ${what}.`)
    .max(64, `Unknown ${what}.`);

export const roleSchema = z.enum(["OWNER", "EDITOR", "VIEWER"], { error: "Choose a role." });

/** Invitations grant EDITOR or VIEWER only; owners are made by promoting a member (docs/decisions.md). */
export const invitableRoles = ["EDITOR", "VIEWER"] as const;

export const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum(invitableRoles, { error: "Choose Editor or Viewer." }),
});

export const changeRoleSchema = z.object({ membershipId: id("member"), role: roleSchema });

export const membershipIdSchema = z.object({ membershipId: id("member") });

export const invitationIdSchema = z.object({ invitationId: id("invitation") });

export const switchTeamSchema = z.object({ teamId: id("team") });

/** IANA zone names as this runtime knows them, plus UTC (which `supportedValuesOf` omits). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

export const profileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .max(DISPLAY_NAME_MAX, `Your name can be at most ${DISPLAY_NAME_MAX} characters.`),
  timeZone: z
    .string()
    .trim()
    .max(64, "Choose a time zone from the list.")
    .refine((v) => v === "" || timeZones().includes(v), "Choose a time zone from the list.")
    .transform((v) => (v === "" ? null : v)),
});

export function slugify(name: string) {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "team"
  );
}
