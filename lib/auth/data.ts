import "server-only";
// The signed-in user as every request needs them: who they are and which teams they belong to
// with which role, in one statement (lib/auth/session.ts; roles are read on every request).
import { db } from "@/lib/db";
import type { Role } from "./permissions";

export interface SignedInUser {
  user: { id: string; email: string; name: string | null };
  /** Oldest membership first (the default team). */
  memberships: { role: Role; team: { id: string; name: string; slug: string } }[];
}

interface Row {
  id: string;
  email: string;
  name: string | null;
  expires?: Date;
  memberships: unknown;
}

const COLUMNS = `u.id, u.email, u.name,
  COALESCE((SELECT json_agg(json_build_object('role', m.role, 'id', t.id, 'name', t.name, 'slug', t.slug) ORDER BY m."createdAt", m.id)
            FROM "Membership" m JOIN "Team" t ON t.id = m."teamId" WHERE m."userId" = u.id), '[]'::json) AS memberships`;

function toSignedIn(row: Row): SignedInUser {
  const list = (
    typeof row.memberships === "string" ? JSON.parse(row.memberships) : row.memberships
  ) as { role: Role; id: string; name: string; slug: string }[];
  return {
    user: { id: row.id, email: row.email, name: row.name },
    memberships: list.map((m) => ({
      role: m.role,
      team: { id: m.id, name: m.name, slug: m.slug },
    })),
  };
}

/** The session with this token (by its unique index), its user and memberships; null if none. */
export async function findSessionUser(
  sessionToken: string,
): Promise<(SignedInUser & { expires: Date }) | null> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT s.expires, ${COLUMNS} FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."sessionToken" = $1`,
    sessionToken,
  );
  const row = rows[0];
  return row ? { ...toSignedIn(row), expires: row.expires! } : null;
}

/** A user by id with their memberships (after Auth.js itself resolved the session). */
export async function findSignedInUser(userId: string): Promise<SignedInUser | null> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT ${COLUMNS} FROM "User" u WHERE u.id = $1`,
    userId,
  );
  return rows[0] ? toSignedIn(rows[0]) : null;
}
