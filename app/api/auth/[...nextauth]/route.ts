import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { defineRoute } from "@/lib/server/route";

// Auth.js verifies its own CSRF tokens, callbacks and magic-link tokens: access "verified".
// The wrapper adds the NUL guard on the path and the one error mapping.
export const GET = defineRoute({
  access: "verified",
  handler: (request) => handlers.GET(request as NextRequest),
});
export const POST = defineRoute({
  access: "verified",
  handler: (request) => handlers.POST(request as NextRequest),
});
