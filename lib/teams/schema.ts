import { z } from "zod";

export const teamNameSchema = z.string().trim().min(2, "Team name needs at least 2 characters.").max(80, "Team name can be at most 80 characters.");

export const createTeamSchema = z.object({ name: teamNameSchema });

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
