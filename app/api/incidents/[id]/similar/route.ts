import { NextResponse } from "next/server";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { findSimilarIncidents } from "@/lib/search/similar";
import { STATEMENT_MAX } from "@/lib/whys/tree";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const query = z.object({ text: z.string().trim().max(STATEMENT_MAX).default("") });

/** Past incidents like this one, or like the cause being typed (?text=), for the 5 Whys editor. */
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async (request, { params, scope }) => {
    const incident = await findIncidentRef(scope, params.id);
    if (!incident) throw new NotFoundError("Incident");
    const { text } = query.parse({
      text: new URL(request.url).searchParams.get("text") ?? undefined,
    });
    const similar = await findSimilarIncidents(scope, incident.id, { text });
    return NextResponse.json({ similar }, { headers: { "Cache-Control": "no-store" } });
  },
});
