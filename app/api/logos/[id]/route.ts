import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { defineRoute } from "@/lib/server/route";
import { getTeamLogo } from "@/lib/teams/data";

// A team logo's bytes (issue 12). Public: logos head shared reports, which readers open without
// a session, and each id names one immutable upload. The type was checked from the content at
// upload (lib/teams/logo.ts); nosniff and a script-free sandbox keep it an image whatever it holds.
const EXTENSION: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

export const GET = defineRoute({
  access: "public",
  params: z.object({ id: z.string().min(1).max(64) }),
  async handler(_request, { params }) {
    const logo = await getTeamLogo(params.id);
    if (!logo || !EXTENSION[logo.contentType]) throw new NotFoundError("Logo");
    return new Response(new Uint8Array(logo.bytes), {
      headers: {
        "Content-Type": logo.contentType,
        "Content-Disposition": `inline; filename="logo.${EXTENSION[logo.contentType]}"`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        // Never changes (a new upload is a new id); email clients load it from another origin.
        "Cache-Control": "public, max-age=31536000, immutable",
        "Cross-Origin-Resource-Policy": "cross-origin",
      },
    });
  },
});
