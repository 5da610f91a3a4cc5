import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { incidentKey, OPEN_STATUSES, type Severity } from "@/lib/incidents/constants";
import { createIncidentInTx } from "@/lib/incidents/mutations";
import { createTimelineEventInTx } from "@/lib/timeline/mutations";
import { generateSecret, hashSecret } from "@/lib/api/tokens";
import { seal } from "@/lib/jobs/seal";
import { env } from "@/lib/env";
import type { NormalizedAlert } from "./parse";
import { severityFor, severityRulesSchema, type SeverityRule } from "./rules";
import type { AlertSourceInput, AlertSourceSettingsInput } from "./schema";

type Tx = Prisma.TransactionClient;

export interface IngestSource {
  id: string;
  teamId: string;
  name: string;
  severityRules: unknown;
  defaultSeverity: Severity;
  mitigateWhenResolved: boolean;
}

export type IngestResult =
  | {
      outcome: "ACCEPTED";
      incidents: { id: string; number: number; opened: boolean }[];
      summary: string;
    }
  | { outcome: "DUPLICATE" };

const FUTURE_SLACK_MS = 60_000;

class DuplicateDelivery extends Error {}

/**
 * Applies one verified delivery: all of it or nothing, and only once. The delivery row claims
 * its key first (unique per source): a second identical delivery fails that insert and is
 * recorded as a duplicate that changed nothing. The source row is locked so two deliveries of
 * one alert group cannot both open an incident.
 */
export async function ingestAlerts(
  scope: TeamScope,
  source: IngestSource,
  alerts: NormalizedAlert[],
  key: string,
  now = new Date(),
): Promise<IngestResult> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "AlertSource" WHERE id = ${source.id} FOR UPDATE`;
      const delivery = await tx.alertDelivery
        .create({
          data: {
            sourceId: source.id,
            teamId: scope.teamId,
            dedupeKey: key,
            outcome: "ACCEPTED",
            alertCount: alerts.length,
          },
          select: { id: true },
        })
        .catch((error: unknown) => {
          throw error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
            ? new DuplicateDelivery()
            : error;
        });
      const actor = await sourceActor(tx, scope, source.id);
      const rules = severityRulesSchema.catch([]).parse(source.severityRules);
      const touched = new Map<string, { id: string; number: number; opened: boolean }>();
      const notes: string[] = [];
      for (const alert of alerts) {
        const r = await applyAlert(tx, { scope, source, actor, rules, alert, now });
        if (r) {
          const prev = touched.get(r.id);
          touched.set(r.id, { ...r, opened: r.opened || Boolean(prev?.opened) });
          notes.push(`${r.opened ? "opened" : "updated"} ${incidentKey(r.number)}`);
        } else notes.push(`nothing open for “${alert.title.slice(0, 60)}”`);
      }
      const summary = [...new Set(notes)].join(", ").slice(0, 500);
      await tx.alertDelivery.update({
        where: { id: delivery.id },
        data: { incidentIds: [...touched.keys()], reason: summary },
      });
      return { outcome: "ACCEPTED" as const, incidents: [...touched.values()], summary };
    });
  } catch (error) {
    if (error instanceof DuplicateDelivery) {
      await recordDelivery(
        scope,
        source.id,
        "DUPLICATE",
        "Same delivery received before: nothing changed.",
      );
      return { outcome: "DUPLICATE" };
    }
    throw error;
  }
}

/** Incidents from alerts are credited to the owner who set the source up (or any owner). */
async function sourceActor(tx: Tx, scope: TeamScope, sourceId: string) {
  const src = await tx.alertSource.findUniqueOrThrow({
    where: { id: sourceId },
    select: {
      createdBy: { select: { id: true, email: true, name: true } },
    },
  });
  let user = src.createdBy;
  if (!user) {
    const owner = await tx.membership.findFirstOrThrow({
      where: { teamId: scope.teamId, role: "OWNER" },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, email: true, name: true } } },
    });
    user = owner.user;
  }
  return { user, scope };
}

interface ApplyArgs {
  scope: TeamScope;
  source: IngestSource;
  actor: Awaited<ReturnType<typeof sourceActor>>;
  rules: SeverityRule[];
  alert: NormalizedAlert;
  now: Date;
}

function eventText(verb: string, a: NormalizedAlert) {
  return [`${verb}: ${a.title}`, a.description, a.url].filter(Boolean).join("\n").slice(0, 2000);
}

async function addEvent(tx: Tx, args: ApplyArgs, incidentId: string, body: string, at: Date) {
  const occurredAt = at.getTime() > args.now.getTime() + FUTURE_SLACK_MS ? args.now : at;
  await createTimelineEventInTx(
    tx,
    args.actor,
    {
      incidentId,
      occurredAt,
      kind: "ALERT",
      body,
      author: args.source.name.slice(0, 80),
      isKey: false,
    },
    "ALERT_WEBHOOK",
    `Alert source “${args.source.name}”`,
  );
}

async function applyAlert(
  tx: Tx,
  args: ApplyArgs,
): Promise<{ id: string; number: number; opened: boolean } | null> {
  const { scope, source, alert, now } = args;
  const openIncident = { status: { in: OPEN_STATUSES } };
  const known = await tx.incidentAlert.findFirst({
    where: {
      teamId: scope.teamId,
      sourceId: source.id,
      fingerprint: alert.fingerprint,
      incident: openIncident,
    },
    orderBy: { firedAt: "desc" },
    select: { id: true, state: true, incident: { select: { id: true, number: true } } },
  });

  if (alert.status === "resolved") {
    if (!known) return null;
    if (known.state === "FIRING") {
      await tx.incidentAlert.update({
        where: { id: known.id },
        data: { state: "RESOLVED", resolvedAt: alert.endsAt ?? now },
      });
      await addEvent(
        tx,
        args,
        known.incident.id,
        eventText("Alert resolved", alert),
        alert.endsAt ?? now,
      );
      if (source.mitigateWhenResolved)
        await mitigateIfAllResolved(tx, args, known.incident.id, alert.endsAt ?? now);
    }
    return { ...known.incident, opened: false };
  }

  if (known) {
    if (known.state === "RESOLVED") {
      await tx.incidentAlert.update({
        where: { id: known.id },
        data: { state: "FIRING", resolvedAt: null },
      });
      await addEvent(
        tx,
        args,
        known.incident.id,
        eventText("Alert firing again", alert),
        alert.startsAt,
      );
    }
    return { ...known.incident, opened: false };
  }

  const sibling = alert.groupKey
    ? await tx.incidentAlert.findFirst({
        where: {
          teamId: scope.teamId,
          sourceId: source.id,
          groupKey: alert.groupKey,
          incident: openIncident,
        },
        orderBy: { firedAt: "desc" },
        select: { incident: { select: { id: true, number: true } } },
      })
    : null;
  let incident: { id: string; number: number };
  let opened = false;
  if (sibling) {
    incident = sibling.incident;
  } else {
    const startedAt = alert.startsAt.getTime() > now.getTime() ? now : alert.startsAt;
    const service = alert.labels.service ?? alert.labels.job;
    incident = await createIncidentInTx(
      tx,
      args.actor,
      {
        title: alert.title.slice(0, 200),
        severity: severityFor(alert.labels, args.rules, source.defaultSeverity),
        status: "INVESTIGATING",
        startedAt,
        detectedAt: startedAt,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        impactStartedAt: null,
        impactEndedAt: null,
        summary: alert.description.slice(0, 10_000),
        customerImpact: "",
        services: service ? [service.slice(0, 60)] : [],
        tags: ["alert"],
        commanderId: null,
      },
      `Alert source “${source.name}”`,
    );
    opened = true;
  }
  await tx.incidentAlert.create({
    data: {
      teamId: scope.teamId,
      incidentId: incident.id,
      sourceId: source.id,
      fingerprint: alert.fingerprint,
      groupKey: alert.groupKey,
      title: alert.title.slice(0, 200),
      firedAt: alert.startsAt,
    },
  });
  await addEvent(tx, args, incident.id, eventText("Alert firing", alert), alert.startsAt);
  return { ...incident, opened };
}

/** "Mitigated" once every alert of the incident has resolved (if the source says so), never overwriting a set time. */
async function mitigateIfAllResolved(tx: Tx, args: ApplyArgs, incidentId: string, at: Date) {
  const firing = await tx.incidentAlert.count({ where: { incidentId, state: "FIRING" } });
  if (firing > 0) return;
  const inc = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      version: true,
      mitigatedAt: true,
      startedAt: true,
      detectedAt: true,
      acknowledgedAt: true,
    },
  });
  if (inc.mitigatedAt) return;
  // Lifecycle order: mitigated is never before the earlier times.
  const floor = Math.max(
    inc.startedAt.getTime(),
    inc.detectedAt?.getTime() ?? 0,
    inc.acknowledgedAt?.getTime() ?? 0,
  );
  const mitigatedAt = new Date(Math.min(Math.max(at.getTime(), floor), args.now.getTime()));
  await tx.incident.update({
    where: { id: incidentId },
    data: { mitigatedAt, version: { increment: 1 } },
  });
  await recordAudit(tx, {
    teamId: args.scope.teamId,
    actorId: args.actor.user.id,
    actorLabel: `Alert source “${args.source.name}”`,
    action: "incident.update",
    entityType: "Incident",
    entityId: incidentId,
    incidentId,
    data: {
      version: inc.version + 1,
      changes: { mitigatedAt: { from: null, to: mitigatedAt.toISOString() } },
    },
  });
}

/** A delivery that changed nothing (refused or duplicate), for the settings page. */
export async function recordDelivery(
  scope: TeamScope,
  sourceId: string,
  outcome: "REFUSED" | "DUPLICATE",
  reason: string,
) {
  await db.alertDelivery.create({
    data: { sourceId, teamId: scope.teamId, outcome, reason: reason.slice(0, 500) },
  });
}

// ---------- settings ----------

/** Creates a source; returns its token (other kinds) once. Sentry sources keep the pasted client secret sealed. */
export async function createAlertSource(
  scope: TeamScope,
  actorId: string,
  input: AlertSourceInput,
) {
  const token = input.kind === "SENTRY" ? null : generateSecret("hsa_");
  return db.$transaction(async (tx) => {
    const source = await tx.alertSource.create({
      data: {
        teamId: scope.teamId,
        name: input.name,
        kind: input.kind,
        tokenHash: token ? hashSecret(token) : null,
        secretSealed: input.kind === "SENTRY" ? seal(input.clientSecret, env().AUTH_SECRET) : null,
        severityRules: input.rules,
        defaultSeverity: input.defaultSeverity,
        mitigateWhenResolved: input.mitigateWhenResolved,
        createdById: actorId,
      },
      select: { id: true, name: true, kind: true },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "alert_source.create",
      entityType: "AlertSource",
      entityId: source.id,
      data: { name: input.name, kind: input.kind },
    });
    return { ...source, token };
  });
}

export async function updateAlertSourceSettings(
  scope: TeamScope,
  actorId: string,
  input: AlertSourceSettingsInput,
) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.alertSource.updateMany({
      where: { id: input.sourceId, teamId: scope.teamId, revokedAt: null },
      data: {
        severityRules: input.rules,
        defaultSeverity: input.defaultSeverity,
        mitigateWhenResolved: input.mitigateWhenResolved,
      },
    });
    if (count === 0) throw new NotFoundError("Alert source");
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "alert_source.update",
      entityType: "AlertSource",
      entityId: input.sourceId,
      data: {
        rules: input.rules.length,
        defaultSeverity: input.defaultSeverity,
        mitigateWhenResolved: input.mitigateWhenResolved,
      },
    });
  });
}

export async function revokeAlertSource(scope: TeamScope, actorId: string, sourceId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.alertSource.updateMany({
      where: { id: sourceId, teamId: scope.teamId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("Alert source");
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "alert_source.revoke",
      entityType: "AlertSource",
      entityId: sourceId,
    });
  });
}
