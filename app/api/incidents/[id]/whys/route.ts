import { NextResponse } from "next/server";
import { AuthorizationError } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { authorizeIncident } from "@/lib/incidents/access";
import { getWhySession } from "@/lib/whys/data";

export const dynamic = "force-dynamic";

/** The incident's 5 Whys tree as JSON: what the editor refetches when the live stream says it changed. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const { ctx, incident } = await authorizeIncident(id, "incident:read");
    const session = await getWhySession(ctx.team.id, incident.id);
    return NextResponse.json(session, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) return NextResponse.json({ error: "Not found" }, { status: 404 });
    if (error instanceof AuthorizationError) return NextResponse.json({ error: error.message }, { status: 401 });
    throw error;
  }
}
