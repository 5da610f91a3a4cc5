import { z } from "zod";
import { SEVERITIES, STATUSES } from "./constants";

export const incidentListFiltersSchema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  service: z.string().trim().max(80).optional().catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  sort: z.enum(["newest", "oldest", "severity"]).catch("newest").default("newest"),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type IncidentListFilters = z.infer<typeof incidentListFiltersSchema>;
