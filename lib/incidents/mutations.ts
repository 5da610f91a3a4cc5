import "server-only";
import { fieldsChangedSince, recordAudit } from "@/lib/audit/mutations";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentInput } from "./schema";
import { incidentFactsSelect } from "./select";
import { checkTransition } from "./transitions";

type Tx = Prisma.TransactionClient;
type Actor = Pick<TeamContext, "user" | "scope">;

const EDITABLE = [
  "title",
  "severity",
  "status",
  "startedAt",
  "detectedAt",
  "acknowledgedAt",
  "mitigatedAt",
  "resolvedAt",
  "impactStartedAt",
  "impactEndedAt",
  "summary",
  "customerImpact",
  "services",
  "tags",
  "commanderId",
] as const;
type Editable = (typeof EDITABLE)[number];

/** JSON-safe form of a field value, for audit rows and conflict reports. */
function plain(v: unknown): string | string[] | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

function same(a: unknown, b: unknown) {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

async function assertCommander(tx: Tx, teamId: string, commanderId: string | null) {
  if (!commanderId) return;
  const member = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId: commanderId } },
    select: { id: true },
  });
  if (!member) throw new RuleError("Choose a member of this team as commander.", "commanderId");
}

/** Creates an incident with the team's next number; the counter and the row land together. */
export async function createIncident(actor: Actor, input: IncidentInput) {
  return db.$transaction((tx) => createIncidentInTx(tx, actor, input));
}

/**
 * The same, inside the caller's transaction (alert ingestion opens incidents and records the
 * delivery in one transaction). `actorLabel` names a non-user actor (an alert source) in the audit row.
 */
export async function createIncidentInTx(
  tx: Tx,
  actor: Actor,
  input: IncidentInput,
  actorLabel?: string,
) {
  const check = checkTransition(null, input.status, { resolvedAt: input.resolvedAt });
  if (!check.ok) throw new RuleError(check.message, check.field);
  await assertCommander(tx, actor.scope.teamId, input.commanderId);
  // The UPDATE takes the team row's lock, so concurrent creates get consecutive numbers.
  const { incidentSeq } = await tx.team.update({
    where: { id: actor.scope.teamId },
    data: { incidentSeq: { increment: 1 } },
    select: { incidentSeq: true },
  });
  const incident = await tx.incident.create({
    data: { ...input, teamId: actor.scope.teamId, number: incidentSeq, createdById: actor.user.id },
    select: { id: true, number: true },
  });
  await recordAudit(tx, {
    teamId: actor.scope.teamId,
    actorId: actor.user.id,
    actorLabel: actorLabel ?? null,
    action: "incident.create",
    entityType: "Incident",
    entityId: incident.id,
    incidentId: incident.id,
    data: {
      number: incident.number,
      title: input.title,
      severity: input.severity,
      status: input.status,
    },
  });
  return incident;
}

/** What a save compares and a conflict shows: the incident's facts, its version and commander. */
const currentSelect = {
  ...incidentFactsSelect,
  version: true,
  commanderId: true,
  commander: { select: { name: true, email: true } },
} as const;

/**
 * Fields other people changed since `baseVersion`, read from the incident's audit trail (each
 * update records its new version), with their current values.
 */
async function conflictFor(
  tx: Tx,
  teamId: string,
  current: Prisma.IncidentGetPayload<{ select: typeof currentSelect }>,
  baseVersion: number,
) {
  const changed = await fieldsChangedSince(
    tx,
    { teamId, entityType: "Incident", entityId: current.id, action: "incident.update" },
    baseVersion,
  );
  const values: Record<string, unknown> = { version: current.version };
  for (const f of EDITABLE) values[f] = plain(current[f]);
  values.commanderName = current.commander
    ? (current.commander.name ?? current.commander.email)
    : null;
  return new ConflictError(
    values,
    EDITABLE.filter((f) => changed.has(f)),
    "Someone else saved this incident while you were editing. Your changes are not saved yet: review what changed, then save again to apply yours.",
  );
}

/** Applies a full form save if the incident is still at `baseVersion`. Returns the changed fields. */
export async function updateIncident(
  actor: Actor,
  incidentId: string,
  baseVersion: number,
  input: IncidentInput,
) {
  return db.$transaction(async (tx) => {
    const current = await tx.incident.findFirst({
      where: { id: incidentId, teamId: actor.scope.teamId },
      select: currentSelect,
    });
    if (!current) throw new NotFoundError("Incident");
    if (current.version !== baseVersion)
      throw await conflictFor(tx, actor.scope.teamId, current, baseVersion);
    const check = checkTransition(current.status, input.status, { resolvedAt: input.resolvedAt });
    if (!check.ok) throw new RuleError(check.message, check.field);
    if (input.commanderId !== current.commanderId)
      await assertCommander(tx, actor.scope.teamId, input.commanderId);

    const changes: Partial<Record<Editable, { from: unknown; to: unknown }>> = {};
    for (const f of EDITABLE)
      if (!same(current[f], input[f]))
        changes[f] = { from: plain(current[f]), to: plain(input[f]) };
    if (Object.keys(changes).length === 0)
      return { changed: [] as string[], version: current.version };
    if (changes.commanderId) {
      // Names read better in the history than ids, and survive the member leaving.
      const next = input.commanderId
        ? await tx.user.findUnique({
            where: { id: input.commanderId },
            select: { name: true, email: true },
          })
        : null;
      changes.commanderId = {
        from: current.commander ? (current.commander.name ?? current.commander.email) : null,
        to: next ? (next.name ?? next.email) : null,
      };
    }

    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, teamId: actor.scope.teamId, version: baseVersion },
      data: { ...input, version: { increment: 1 } },
    });
    // Another save committed between our read and write.
    if (count === 0) {
      const fresh = await tx.incident.findFirstOrThrow({
        where: { id: incidentId },
        select: currentSelect,
      });
      throw await conflictFor(tx, actor.scope.teamId, fresh, baseVersion);
    }
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.user.id,
      action: "incident.update",
      entityType: "Incident",
      entityId: incidentId,
      incidentId,
      data: { version: baseVersion + 1, changes },
    });
    return { changed: Object.keys(changes), version: baseVersion + 1 };
  });
}

export const PUBLISHED_INCIDENT_DELETE_MESSAGE =
  "This incident has a published report. Published reports are permanent records that stakeholders rely on, so the incident cannot be deleted.";

/**
 * Deletes an incident and everything under it; the audit row outlives it (no foreign key).
 * Refused once a report version is published (docs/decisions.md).
 */
export async function deleteIncident(actor: Actor, incidentId: string, baseVersion: number) {
  return db.$transaction(async (tx) => {
    const current = await tx.incident.findFirst({
      where: { id: incidentId, teamId: actor.scope.teamId },
      select: currentSelect,
    });
    if (!current) throw new NotFoundError("Incident");
    if (current.version !== baseVersion)
      throw await conflictFor(tx, actor.scope.teamId, current, baseVersion);
    // Publishing locks the report row before it inserts a version, so holding that lock
    // here means no version can appear between this check and the delete.
    await tx.$executeRaw`SELECT id FROM "Report" WHERE "incidentId" = ${incidentId} FOR UPDATE`;
    if (await tx.reportVersion.count({ where: { report: { incidentId } } }))
      throw new RuleError(PUBLISHED_INCIDENT_DELETE_MESSAGE);
    const full = await tx.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { number: true, title: true },
    });
    await tx.incident.delete({ where: { id: incidentId } });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.user.id,
      action: "incident.delete",
      entityType: "Incident",
      entityId: incidentId,
      incidentId,
      data: { number: full.number, title: full.title },
    });
  });
}
