import { listIncidentActionItemsRoute } from "@/lib/api/v1";

export const GET = listIncidentActionItemsRoute;
