import { openApiRoute } from "@/lib/api/openapi-route";

export const GET = openApiRoute;
