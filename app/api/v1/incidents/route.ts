import { createIncidentRoute, listIncidentsRoute } from "@/lib/api/v1";

export const GET = listIncidentsRoute;
export const POST = createIncidentRoute;
