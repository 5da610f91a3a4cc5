import "server-only";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { defineRoute } from "@/lib/server/route";
import { buildOpenApi } from "./openapi";

let cached: Record<string, unknown> | undefined;

/** The document is public (it describes, it grants nothing) and the same for every team. */
export const openApiRoute = defineRoute({
  access: "public",
  handler: async () => {
    cached ??= buildOpenApi(`${env().APP_URL.replace(/\/$/, "")}/api/v1`);
    return NextResponse.json(cached, { headers: { "Cache-Control": "public, max-age=300" } });
  },
});
