import { getIncidentRoute, patchIncidentRoute } from "@/lib/api/v1";

export const GET = getIncidentRoute;
export const PATCH = patchIncidentRoute;
