import { createTimelineRoute, listTimelineRoute } from "@/lib/api/v1";

export const GET = listTimelineRoute;
export const POST = createTimelineRoute;
