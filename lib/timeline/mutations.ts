import "server-only";
import { fieldsChangedSince, recordAudit } from "@/lib/audit/mutations";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma, TimelineSource } from "@/lib/generated/prisma/client";
import { IMPORT_MAX_EVENTS } from "./constants";
import type { ParsedEvent } from "./import";
import type { TimelineEventInput } from "./schema";

type Tx = Prisma.TransactionClient;
type Actor = Pick<TeamContext, "user" | "scope">;
const FIELDS = ["occurredAt", "kind", "body", "author", "isKey"] as const;

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

const eventSelect = {
  id: true,
  version: true,
  occurredAt: true,
  kind: true,
  body: true,
  author: true,
  isKey: true,
} as const;
type EventRow = Prisma.TimelineEventGetPayload<{ select: typeof eventSelect }>;

/** The event if it belongs to this incident of this team. */
async function findEvent(tx: Tx, teamId: string, incidentId: string, eventId: string) {
  const e = await tx.timelineEvent.findFirst({
    where: { id: eventId, incidentId, incident: { teamId } },
    select: eventSelect,
  });
  if (!e) throw new NotFoundError("Timeline event");
  return e;
}

async function conflictFor(tx: Tx, teamId: string, current: EventRow, baseVersion: number) {
  const changed = await fieldsChangedSince(
    tx,
    { teamId, entityType: "TimelineEvent", entityId: current.id, action: "timeline.update" },
    baseVersion,
  );
  const current_: Record<string, unknown> = { version: current.version };
  for (const f of FIELDS) current_[f] = plain(current[f]);
  return new ConflictError(
    current_,
    FIELDS.filter((f) => changed.has(f)),
    "Someone else changed this event while you were editing. Your text is kept below: review, then save again.",
  );
}

/** `source` says where the event came from (the REST API, chat, an alert); the form's are MANUAL. */
export async function createTimelineEvent(
  actor: Actor,
  input: TimelineEventInput,
  source: TimelineSource = "MANUAL",
) {
  return db.$transaction((tx) => createTimelineEventInTx(tx, actor, input, source));
}

/** The same inside the caller's transaction; `actorLabel` names a non-user actor in the audit row. */
export async function createTimelineEventInTx(
  tx: Tx,
  actor: Actor,
  input: TimelineEventInput,
  source: TimelineSource,
  actorLabel?: string,
) {
  const event = await tx.timelineEvent.create({
    data: {
      incidentId: input.incidentId,
      occurredAt: input.occurredAt,
      kind: input.kind,
      body: input.body,
      author: input.author,
      isKey: input.isKey,
      source,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    teamId: actor.scope.teamId,
    actorId: actor.user.id,
    actorLabel: actorLabel ?? null,
    action: "timeline.create",
    entityType: "TimelineEvent",
    entityId: event.id,
    incidentId: input.incidentId,
    data: {
      occurredAt: input.occurredAt.toISOString(),
      kind: input.kind,
      body: input.body.slice(0, 200),
    },
  });
  return event;
}

export async function updateTimelineEvent(
  actor: Actor,
  eventId: string,
  baseVersion: number,
  input: TimelineEventInput,
) {
  return db.$transaction(async (tx) => {
    const current = await findEvent(tx, actor.scope.teamId, input.incidentId, eventId);
    if (current.version !== baseVersion)
      throw await conflictFor(tx, actor.scope.teamId, current, baseVersion);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const f of FIELDS)
      if (plain(current[f]) !== plain(input[f]))
        changes[f] = { from: plain(current[f]), to: plain(input[f]) };
    if (Object.keys(changes).length === 0) return;
    const { count } = await tx.timelineEvent.updateMany({
      where: { id: eventId, version: baseVersion },
      data: {
        occurredAt: input.occurredAt,
        kind: input.kind,
        body: input.body,
        author: input.author,
        isKey: input.isKey,
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw await conflictFor(
        tx,
        actor.scope.teamId,
        await findEvent(tx, actor.scope.teamId, input.incidentId, eventId),
        baseVersion,
      );
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.user.id,
      action: "timeline.update",
      entityType: "TimelineEvent",
      entityId: eventId,
      incidentId: input.incidentId,
      data: { version: baseVersion + 1, changes },
    });
  });
}

export async function deleteTimelineEvent(
  actor: Actor,
  incidentId: string,
  eventId: string,
  baseVersion: number,
) {
  return db.$transaction(async (tx) => {
    const current = await findEvent(tx, actor.scope.teamId, incidentId, eventId);
    if (current.version !== baseVersion)
      throw await conflictFor(tx, actor.scope.teamId, current, baseVersion);
    await tx.timelineEvent.delete({ where: { id: eventId } });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.user.id,
      action: "timeline.delete",
      entityType: "TimelineEvent",
      entityId: eventId,
      incidentId,
      data: {
        occurredAt: current.occurredAt.toISOString(),
        kind: current.kind,
        body: current.body.slice(0, 200),
      },
    });
  });
}

/** Inserts every parsed event or none; one audit row describes the import. */
export async function importTimelineEvents(
  actor: Actor,
  incidentId: string,
  events: ParsedEvent[],
  format: string,
) {
  if (events.length === 0) throw new RuleError("Nothing to import.", "text");
  if (events.length > IMPORT_MAX_EVENTS)
    throw new RuleError(`At most ${IMPORT_MAX_EVENTS} events per import.`, "text");
  return db.$transaction(async (tx) => {
    const { count } = await tx.timelineEvent.createMany({
      data: events.map((e) => ({
        incidentId,
        occurredAt: new Date(e.occurredAt),
        kind: e.kind,
        body: e.body,
        author: e.author,
        isKey: e.isKey,
        source: e.source,
      })),
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.user.id,
      action: "timeline.import",
      entityType: "Incident",
      entityId: incidentId,
      incidentId,
      data: { count, format },
    });
    return count;
  });
}
