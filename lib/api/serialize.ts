// Database rows → the JSON the REST API answers with (documented by the *Out schemas in schema.ts).
import { incidentKey } from "@/lib/incidents/constants";
import { env } from "@/lib/env";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const person = (u: { id: string; name: string | null; email?: string } | null | undefined) =>
  u ? { id: u.id, name: u.name ?? u.email ?? null } : null;

export function incidentUrl(id: string) {
  return `${env().APP_URL.replace(/\/$/, "")}/incidents/${id}`;
}

export function incidentJson(i: {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  summary: string;
  customerImpact: string;
  services: string[];
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  commander: { id: string; name: string | null; email: string } | null;
}) {
  return {
    id: i.id,
    number: i.number,
    key: incidentKey(i.number),
    title: i.title,
    severity: i.severity,
    status: i.status,
    startedAt: i.startedAt.toISOString(),
    detectedAt: iso(i.detectedAt),
    acknowledgedAt: iso(i.acknowledgedAt),
    mitigatedAt: iso(i.mitigatedAt),
    resolvedAt: iso(i.resolvedAt),
    summary: i.summary,
    customerImpact: i.customerImpact,
    services: i.services,
    tags: i.tags,
    commander: person(i.commander),
    version: i.version,
    url: incidentUrl(i.id),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function incidentListItemJson(i: {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  startedAt: Date;
  resolvedAt: Date | null;
  services: string[];
}) {
  return {
    id: i.id,
    number: i.number,
    key: incidentKey(i.number),
    title: i.title,
    severity: i.severity,
    status: i.status,
    startedAt: i.startedAt.toISOString(),
    resolvedAt: iso(i.resolvedAt),
    services: i.services,
    url: incidentUrl(i.id),
  };
}

export function timelineEventJson(e: {
  id: string;
  occurredAt: Date;
  kind: string;
  body: string;
  author: string | null;
  source: string;
  isKey: boolean;
  version: number;
}) {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    kind: e.kind,
    body: e.body,
    author: e.author,
    source: e.source,
    isKey: e.isKey,
    version: e.version,
  };
}

export function actionItemJson(a: {
  id: string;
  incidentId: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  /** prevent / mitigate / detect / process (issue 12); null when not chosen. */
  type: string | null;
  dueDate: Date | null;
  trackerUrl: string | null;
  completedAt: Date | null;
  version: number;
  owner: { id: string; name: string | null; email: string } | null;
  whyNode: { statement: string } | null;
}) {
  return {
    id: a.id,
    incidentId: a.incidentId,
    title: a.title,
    description: a.description,
    status: a.status,
    priority: a.priority,
    type: a.type,
    dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null,
    owner: person(a.owner),
    trackerUrl: a.trackerUrl,
    rootCause: a.whyNode?.statement ?? null,
    completedAt: iso(a.completedAt),
    version: a.version,
  };
}
