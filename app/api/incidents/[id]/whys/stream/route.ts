import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { openWhysStream, sessionTokenOf } from "@/lib/realtime/whys-stream";
import { defineRoute } from "@/lib/server/route";
import { getWhysVersion } from "@/lib/whys/data";

export const dynamic = "force-dynamic";

/** The live 5 Whys stream (Server-Sent Events); see lib/realtime/whys-stream.ts. */
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async (request, { params, scope, ctx }) => {
    const incident = await findIncidentRef(scope, params.id);
    if (!incident) throw new NotFoundError("Incident");
    const viewer = {
      userId: ctx.user.id,
      teamId: incident.teamId,
      incidentId: incident.id,
      sessionToken: sessionTokenOf(request),
    };
    return openWhysStream(request, viewer, {
      currentVersion: () => getWhysVersion(scope, incident.id),
    });
  },
});
