import "server-only";
import { db } from "@/lib/db";
import { incidentKey } from "@/lib/incidents/constants";
import { searchSharedReports, type SharedReportHit } from "@/lib/search/data";
import type { SharePolicy } from "./tokens";

export function getSharingPolicy(teamId: string): Promise<SharePolicy | null> {
  return db.team.findUnique({
    where: { id: teamId },
    select: { shareLinkDefaultDays: true, shareLinkMaxDays: true, allowAnonymousShareLink: true },
  });
}

export interface ShareableVersion {
  id: string;
  number: number;
  title: string;
  publishedAt: Date;
}

/** The newest published version of the incident's report (the one a new share sends), or null. */
export function latestPublishedVersion(teamId: string, incidentId: string): Promise<ShareableVersion | null> {
  return db.reportVersion.findFirst({
    where: { report: { incidentId, incident: { id: incidentId, teamId } } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, publishedAt: true },
  });
}

export interface ShareRow {
  id: string;
  recipientEmail: string;
  mode: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL";
  message: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  viewCount: number;
  lastViewedAt: Date | null;
  deliveryState: "QUEUED" | "SENT" | "FAILED";
  deliveryError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  createdBy: string;
  versionNumber: number;
}

export async function listSharesForIncident(teamId: string, incidentId: string): Promise<ShareRow[]> {
  const rows = await db.shareLink.findMany({
    where: { reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      recipientEmail: true,
      mode: true,
      message: true,
      expiresAt: true,
      revokedAt: true,
      viewCount: true,
      lastViewedAt: true,
      deliveryState: true,
      deliveryError: true,
      sentAt: true,
      createdAt: true,
      createdBy: { select: { name: true, email: true } },
      reportVersion: { select: { number: true } },
    },
  });
  return rows.map(({ createdBy, reportVersion, ...r }) => ({ ...r, createdBy: createdBy.name ?? createdBy.email, versionNumber: reportVersion.number }));
}

export interface GrantRow {
  id: string;
  email: string;
  createdAt: Date;
  revokedAt: Date | null;
  versionNumber: number;
}

/** Portal access for this incident's report, per recipient and version (revoked ones too, as history). */
export async function listGrantsForIncident(teamId: string, incidentId: string): Promise<GrantRow[]> {
  const rows = await db.stakeholderGrant.findMany({
    where: { reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } } },
    orderBy: [{ email: "asc" }, { createdAt: "desc" }],
    take: 500,
    select: { id: true, email: true, createdAt: true, revokedAt: true, reportVersion: { select: { number: true } } },
  });
  return rows.map(({ reportVersion, ...g }) => ({ ...g, versionNumber: reportVersion.number }));
}

export interface ShareByToken {
  id: string;
  tokenHash: string;
  recipientEmail: string;
  mode: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL";
  expiresAt: Date;
  revokedAt: Date | null;
  reportVersionId: string;
  teamId: string;
  incidentId: string;
}

/** Looked up by the hash's unique index; callers still compare hashes in constant time. */
export async function findShareByTokenHash(tokenHash: string): Promise<ShareByToken | null> {
  const row = await db.shareLink.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      tokenHash: true,
      recipientEmail: true,
      mode: true,
      expiresAt: true,
      revokedAt: true,
      reportVersionId: true,
      reportVersion: { select: { report: { select: { incidentId: true, incident: { select: { teamId: true } } } } } },
    },
  });
  if (!row) return null;
  const { reportVersion, ...rest } = row;
  return { ...rest, incidentId: reportVersion.report.incidentId, teamId: reportVersion.report.incident.teamId };
}

export type PortalReport = SharedReportHit;

/**
 * Every report shared with this address (active grants), newest first. A report granted in
 * several versions appears once, at its newest granted version. With a query, the database
 * searches only those reports (lib/search): title, incident number, team name and the words
 * of the published text, best match first.
 */
export async function listPortalReports(email: string, query = ""): Promise<PortalReport[]> {
  if (query.trim()) return searchSharedReports(email, query);
  const grants = await db.stakeholderGrant.findMany({
    where: { email: email.toLowerCase(), revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 1000,
    select: {
      createdAt: true,
      reportVersion: {
        select: {
          id: true,
          number: true,
          title: true,
          publishedAt: true,
          reportId: true,
          report: { select: { incident: { select: { number: true, title: true, team: { select: { name: true } } } } } },
        },
      },
    },
  });
  const newest = new Map<string, PortalReport>();
  for (const g of grants) {
    const v = g.reportVersion;
    const current = newest.get(v.reportId);
    if (current && current.number >= v.number) continue;
    newest.set(v.reportId, {
      versionId: v.id,
      reportId: v.reportId,
      number: v.number,
      title: v.title,
      incidentKey: incidentKey(v.report.incident.number),
      teamName: v.report.incident.team.name,
      publishedAt: v.publishedAt,
      sharedAt: g.createdAt,
      match: null,
    });
  }
  return [...newest.values()].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.sharedAt.getTime() - a.sharedAt.getTime());
}

/** True when this address may read this version in the portal (an active grant). */
export async function hasPortalGrant(email: string, reportVersionId: string): Promise<boolean> {
  if (typeof reportVersionId !== "string" || !reportVersionId) return false;
  const grant = await db.stakeholderGrant.findFirst({ where: { email: email.toLowerCase(), reportVersionId, revokedAt: null }, select: { id: true } });
  return Boolean(grant);
}

export async function hasAnyPortalGrant(email: string): Promise<boolean> {
  return (await db.stakeholderGrant.count({ where: { email: email.toLowerCase(), revokedAt: null } })) > 0;
}
