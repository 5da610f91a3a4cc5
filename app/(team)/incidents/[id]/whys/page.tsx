import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import { getWhySession } from "@/lib/whys/data";
import { WhyWorkspace } from "@/components/whys/why-workspace";
import { FocusWhyNode } from "@/components/search/focus-why-node";

export const metadata: Metadata = { title: "5 Whys" };

export default async function WhysPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ node?: string | string[] }>;
}) {
  const { id } = await params;
  const { node } = await searchParams;
  const { ctx, incident } = await requireIncidentPage(id);
  const session = await getWhySession(ctx.scope, incident.id);
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">5 Whys</h2>
        <p className="text-sm text-slate-600">
          Work back from the problem one “why” at a time. An effect can have several causes: follow
          each branch to its root cause.
        </p>
      </div>
      <WhyWorkspace initial={session} canEdit={can(ctx.role, "incident:write")} />
      {typeof node === "string" && <FocusWhyNode nodeId={node} />}
    </div>
  );
}
