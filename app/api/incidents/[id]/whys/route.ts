import { NextResponse } from "next/server";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { defineRoute } from "@/lib/server/route";
import { getWhySession } from "@/lib/whys/data";

export const dynamic = "force-dynamic";

/** The incident's 5 Whys tree as JSON: what the editor refetches when the live stream says it changed. */
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async (_request, { params, scope }) => {
    const incident = await findIncidentRef(scope, params.id);
    if (!incident) throw new NotFoundError("Incident");
    const session = await getWhySession(scope, incident.id);
    return NextResponse.json(session, { headers: { "Cache-Control": "no-store" } });
  },
});
