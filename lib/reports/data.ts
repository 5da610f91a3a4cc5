import "server-only";
import { incidentFactsSelect } from "@/lib/incidents/select";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CONTENT_ACTION_PREFIXES, NARRATIVE_ACTIONS } from "./content";
import {
  FULL_TEMPLATE_NAME,
  fullTemplateSections,
  parseNarrative,
  parseTemplateSections,
  type TemplateSection,
} from "./sections";
import type { ReportSnapshot, ReportSource } from "./snapshot";
import { parseSnapshot } from "./snapshot-schema";

type Client = Prisma.TransactionClient | typeof db;

export interface PublishedVersion {
  id: string;
  number: number;
  title: string;
  snapshot: ReportSnapshot;
  publishedAt: Date;
  incidentId: string;
  teamId: string;
}

const versionSelect = {
  id: true,
  number: true,
  title: true,
  snapshot: true,
  publishedAt: true,
  publishedBy: { select: { name: true, email: true } },
  report: { select: { incidentId: true, incident: { select: { teamId: true } } } },
} as const;

function toPublished(
  v: Prisma.ReportVersionGetPayload<{ select: typeof versionSelect }>,
): PublishedVersion {
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    snapshot: parseSnapshot(v.snapshot),
    publishedAt: v.publishedAt,
    incidentId: v.report.incidentId,
    teamId: v.report.incident.teamId,
  };
}

/**
 * A published version by id, with no authorization: callers (share links, the stakeholder
 * portal) authorize by token or grant first. Team pages use getVersionForTeam.
 */
export async function getPublishedVersion(
  reportVersionId: string,
): Promise<PublishedVersion | null> {
  if (typeof reportVersionId !== "string" || !reportVersionId) return null;
  const v = await db.reportVersion.findUnique({
    where: { id: reportVersionId },
    select: versionSelect,
  });
  return v ? toPublished(v) : null;
}

/** A published version if its incident belongs to this team, else null (→ 404). */
export async function getVersionForTeam(
  scope: TeamScope,
  reportVersionId: string,
): Promise<PublishedVersion | null> {
  const { teamId } = scope;
  const v = await getPublishedVersion(reportVersionId);
  return v && v.teamId === teamId ? v : null;
}

export async function getVersionByNumber(
  scope: TeamScope,
  incidentId: string,
  number: number,
): Promise<PublishedVersion | null> {
  const { teamId } = scope;
  if (!Number.isInteger(number) || number < 1) return null;
  const v = await db.reportVersion.findFirst({
    where: { number, report: { incidentId, incident: { teamId } } },
    select: versionSelect,
  });
  return v ? toPublished(v) : null;
}

/** The version history, newest first. */
export function listVersions(scope: TeamScope, incidentId: string) {
  const { teamId } = scope;
  return db.reportVersion.findMany({
    where: { report: { incidentId, incident: { teamId } } },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      publishedAt: true,
      publishedBy: { select: { name: true, email: true } },
    },
  });
}

/** The team's templates, default first. */
export async function listTemplates(scope: TeamScope) {
  const { teamId } = scope;
  const rows = await db.reportTemplate.findMany({
    where: { teamId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true, name: true, isDefault: true, sections: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, sections: parseTemplateSections(r.sections) }));
}

/** Members who may review (editors and owners), for the request-review form. */
export function listReviewCandidates(scope: TeamScope) {
  const { teamId } = scope;
  return db.membership
    .findMany({
      where: { teamId, role: { in: ["OWNER", "EDITOR"] } },
      orderBy: { createdAt: "asc" },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    })
    .then((rows) => rows.map((r) => ({ ...r.user, role: r.role })));
}

export const reportRowSelect = {
  id: true,
  incidentId: true,
  status: true,
  narrative: true,
  version: true,
  authorId: true,
  templateId: true,
  updatedAt: true,
  template: { select: { id: true, name: true, sections: true, teamId: true } },
} as const;

export type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportRowSelect }>;

/** The report of an incident of this team (null until it is first opened). */
/** This team's report of an incident, without creating one (reads never write). */
export function findTeamReport(scope: TeamScope, incidentId: string): Promise<ReportRow | null> {
  return findReport(db, scope.teamId, incidentId);
}

export function findReport(
  client: Client,
  teamId: string,
  incidentId: string,
): Promise<ReportRow | null> {
  return client.report.findFirst({
    where: { incidentId, incident: { teamId } },
    select: reportRowSelect,
  });
}

/**
 * The report a page shows: the saved one, else an unsaved empty draft that follows the team's
 * default template. Reading never creates the row; the first write does (lib/reports/mutations).
 * The draft's version is the column's default, so the first save's base version matches.
 */
export async function readReport(scope: TeamScope, incidentId: string): Promise<ReportRow> {
  return (
    (await findReport(db, scope.teamId, incidentId)) ?? {
      id: "",
      incidentId,
      status: "DRAFT",
      narrative: {},
      version: 1,
      authorId: null,
      templateId: null,
      updatedAt: new Date(0),
      template: null,
    }
  );
}

/** The current review round: the highest round number among the report's reviewers (0 = none yet). */
export async function currentRound(client: Client, reportId: string): Promise<number> {
  const agg = await client.reportReviewer.aggregate({ where: { reportId }, _max: { round: true } });
  return agg._max.round ?? 0;
}

export async function listRoundReviewers(client: Client, reportId: string, round: number) {
  if (round < 1) return [];
  return client.reportReviewer.findMany({
    where: { reportId, round },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      userId: true,
      decision: true,
      decidedAt: true,
      approvedHash: true,
      withdrawnAt: true,
      user: { select: { name: true, email: true } },
    },
  });
}

/**
 * Who may not approve: everyone who wrote the report's text in this draft (since it was last
 * published), and, while it is in review, everyone who changed anything it shows since the
 * review was requested. Read from the audit rows every such write records.
 */
export async function listContributorIds(
  client: Client,
  report: Pick<ReportRow, "id" | "incidentId" | "status">,
  round: number,
): Promise<string[]> {
  const published = await client.reportVersion.aggregate({
    where: { reportId: report.id },
    _max: { publishedAt: true },
  });
  const or: Prisma.AuditEventWhereInput[] = [
    {
      action: { in: NARRATIVE_ACTIONS },
      createdAt: { gt: published._max.publishedAt ?? new Date(0) },
    },
  ];
  if (report.status === "IN_REVIEW" && round > 0) {
    const requested = await client.reportReviewer.aggregate({
      where: { reportId: report.id, round },
      _min: { createdAt: true },
    });
    if (requested._min.createdAt)
      or.push({
        OR: CONTENT_ACTION_PREFIXES.map((p) => ({ action: { startsWith: p } })),
        createdAt: { gte: requested._min.createdAt },
      });
  }
  const rows = await client.auditEvent.findMany({
    where: { incidentId: report.incidentId, actorId: { not: null }, OR: or },
    distinct: ["actorId"],
    select: { actorId: true },
  });
  return rows.map((r) => r.actorId!);
}

export function listComments(scope: TeamScope, reportId: string) {
  const { teamId } = scope;
  return db.reportComment.findMany({
    where: { reportId, report: { incident: { teamId } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      sectionKey: true,
      body: true,
      resolvedAt: true,
      createdAt: true,
      author: { select: { id: true, name: true, email: true } },
    },
  });
}

/** The template a report follows: its own, else the team's default, else the built-in full AAR. */
export async function resolveTemplate(
  client: Client,
  teamId: string,
  report: Pick<ReportRow, "template">,
): Promise<{ id: string | null; name: string; sections: TemplateSection[] }> {
  if (report.template && report.template.teamId === teamId) {
    return {
      id: report.template.id,
      name: report.template.name,
      sections: parseTemplateSections(report.template.sections),
    };
  }
  const fallback = await client.reportTemplate.findFirst({
    where: { teamId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true, name: true, sections: true },
  });
  if (fallback)
    return {
      id: fallback.id,
      name: fallback.name,
      sections: parseTemplateSections(fallback.sections),
    };
  return { id: null, name: FULL_TEMPLATE_NAME, sections: fullTemplateSections() };
}

/**
 * Everything composeReport needs, read from the incident as it is now (inside the caller's
 * transaction when publishing, so the frozen snapshot is consistent).
 */
export async function readReportSource(
  client: Client,
  teamId: string,
  report: ReportRow,
  publication?: ReportSource["publication"],
): Promise<ReportSource | null> {
  const incident = await client.incident.findFirst({
    where: { id: report.incidentId, teamId },
    select: {
      ...incidentFactsSelect,
      problemStatement: true,
      commander: { select: { name: true, email: true } },
      events: {
        where: { isKey: true },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        select: { id: true, occurredAt: true, kind: true, body: true, author: true },
      },
      whyNodes: {
        select: {
          id: true,
          parentId: true,
          statement: true,
          position: true,
          isRootCause: true,
          category: true,
          evidence: {
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: {
              id: true,
              url: true,
              label: true,
              timelineEvent: {
                select: { id: true, occurredAt: true, kind: true, body: true, author: true },
              },
            },
          },
        },
      },
      attachments: {
        where: { deletedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          filename: true,
          contentType: true,
          size: true,
          width: true,
          height: true,
          caption: true,
          sectionKey: true,
          timelineEventId: true,
          timelineEvent: { select: { occurredAt: true, body: true } },
        },
      },
      actions: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          dueDate: true,
          status: true,
          priority: true,
          type: true,
          trackerUrl: true,
          whyNodeId: true,
          owner: { select: { name: true, email: true } },
        },
      },
    },
  });
  if (!incident) return null;
  const template = await resolveTemplate(client, teamId, report);
  const round = await currentRound(client, report.id);
  const reviewers = await listRoundReviewers(client, report.id, round);
  // The team's name heads the report; its members' names are what the customer version redacts.
  const team = await client.team.findUnique({
    where: { id: teamId },
    select: {
      name: true,
      logoId: true,
      memberships: { select: { user: { select: { name: true, email: true } } } },
    },
  });
  return {
    team: team ? { name: team.name, logoId: team.logoId } : undefined,
    members: team?.memberships.map((m) => m.user),
    incident: {
      ...incident,
      commanderName: incident.commander
        ? (incident.commander.name ?? incident.commander.email)
        : null,
    },
    keyEvents: incident.events,
    whyNodes: incident.whyNodes.map(({ evidence: _e, ...n }) => n),
    evidence: incident.whyNodes.flatMap((n) =>
      n.evidence.map(({ timelineEvent, ...e }) => ({ ...e, nodeId: n.id, event: timelineEvent })),
    ),
    attachments: incident.attachments.map(({ timelineEvent, ...a }) => ({
      ...a,
      event: timelineEvent,
    })),
    actionItems: incident.actions.map(({ owner, ...a }) => ({
      ...a,
      ownerName: owner ? (owner.name ?? owner.email) : null,
    })),
    template,
    narrative: parseNarrative(report.narrative),
    author: report.authorId
      ? await client.user.findUnique({
          where: { id: report.authorId },
          select: { name: true, email: true },
        })
      : null,
    reviewers: reviewers.map((r) => ({
      name: r.user.name,
      email: r.user.email,
      decision: r.decision,
      decidedAt: r.decidedAt,
    })),
    publication,
  };
}

export function getUserName(userId: string | null) {
  return userId
    ? db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } })
    : null;
}

/** Everything the report page shows besides the composed snapshot. */
export async function getReportWorkspace(scope: TeamScope, report: ReportRow) {
  const { teamId } = scope;
  const round = await currentRound(db, report.id);
  // A published report's panel offers no review request, template choice or approval
  // (components/reports/workflow-panel.tsx): those reads are skipped for it.
  const open = report.status !== "PUBLISHED";
  const [reviewers, candidates, comments, templates, versions, team, author, contributorIds] =
    await Promise.all([
      listRoundReviewers(db, report.id, round),
      open ? listReviewCandidates(scope) : [],
      listComments(scope, report.id),
      open ? listTemplates(scope) : [],
      listVersions(scope, report.incidentId),
      db.team.findUniqueOrThrow({ where: { id: teamId }, select: { requiredApprovals: true } }),
      getUserName(report.authorId),
      open ? listContributorIds(db, report, round) : [],
    ]);
  return {
    round,
    reviewers,
    candidates,
    comments,
    templates,
    versions,
    requiredApprovals: team.requiredApprovals,
    author,
    contributorIds,
  };
}

/** The template the report follows (without composing the report). */
export function getReportTemplate(scope: TeamScope, report: Pick<ReportRow, "template">) {
  return resolveTemplate(db, scope.teamId, report);
}

/** The report composed from the incident as it is now (the draft, kept current). */
export async function loadReportSource(scope: TeamScope, report: ReportRow) {
  return readReportSource(db, scope.teamId, report);
}

export function getUsersByIds(scope: TeamScope, ids: string[]) {
  const { teamId } = scope;
  return db.user.findMany({
    where: { id: { in: ids }, memberships: { some: { teamId } } },
    select: { id: true, name: true, email: true },
  });
}
