import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { extensionFor, fileResponse, INLINE_TYPES } from "@/lib/files/serve";
import { defineRoute } from "@/lib/server/route";
import { getTeamLogo } from "@/lib/teams/data";

// A team logo's bytes (issue 12). Public: logos head shared reports, which readers open without
// a session, and each id names one immutable upload. The type was checked from the content at
// upload (lib/teams/logo.ts); lib/files/serve.ts adds nosniff and a script-free sandbox.
export const GET = defineRoute({
  access: "public",
  params: z.object({ id: z.string().min(1).max(64) }),
  async handler(_request, { params }) {
    const logo = await getTeamLogo(params.id);
    if (!logo || !INLINE_TYPES.has(logo.contentType)) throw new NotFoundError("Logo");
    return fileResponse(
      {
        bytes: logo.bytes,
        contentType: logo.contentType,
        filename: `logo.${extensionFor(logo.contentType)}`,
      },
      // Never changes (a new upload is a new id); email clients load it from another origin.
      { cache: "immutable", crossOrigin: true },
    );
  },
});
