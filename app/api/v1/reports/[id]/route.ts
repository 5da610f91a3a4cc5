import { getReportRoute } from "@/lib/api/v1";

export const GET = getReportRoute;
