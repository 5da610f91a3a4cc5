// Where a rate-limited confirm-email page ends up: 429 with Retry-After (a page cannot set its
// own status). The shared-link route itself answers 429 directly (lib/sharing/responses.ts).
import { defineRoute } from "@/lib/server/route";
import { tooManyAttempts } from "@/lib/sharing/responses";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async (request) =>
    tooManyAttempts(Number.parseInt(new URL(request.url).searchParams.get("retry") ?? "", 10)),
});
