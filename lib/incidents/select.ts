// The incident's own facts as pages and the report read them: one select, so the incident page
// and the report snapshot (whose hash approval covers) can never read different fields.
export const incidentFactsSelect = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  startedAt: true,
  detectedAt: true,
  acknowledgedAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  impactStartedAt: true,
  impactEndedAt: true,
  summary: true,
  customerImpact: true,
  services: true,
  tags: true,
} as const;
