import { listReportsRoute } from "@/lib/api/v1";

export const GET = listReportsRoute;
