import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { listAlertSources } from "@/lib/alerts/data";
import { DEFAULT_SEVERITY_RULES, ruleLines } from "@/lib/alerts/rules";
import { env } from "@/lib/env";
import { AlertSourceForm } from "@/components/integrations/alert-source-form";
import { AlertSourceList } from "@/components/integrations/alert-source-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Alert sources" };

export default async function AlertSourcesPage() {
  const ctx = await requireTeamPermission("team:manage", "/settings/alerts");
  const sources = await listAlertSources(ctx.scope);
  const appUrl = env().APP_URL.replace(/\/$/, "");
  return (
    <div className="space-y-8">
      <PageHeader
        title="Alert sources"
        description="Firing alerts open incidents (or join the open incident of the same alert or group); resolved alerts are added to its timeline. The same delivery twice changes nothing."
      />
      <AlertSourceList sources={sources} appUrl={appUrl} />
      <section
        aria-labelledby="new-source-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="new-source-heading" className="mb-4 text-lg font-semibold text-slate-900">
          New alert source
        </h2>
        <AlertSourceForm defaultRules={ruleLines(DEFAULT_SEVERITY_RULES)} appUrl={appUrl} />
      </section>
    </div>
  );
}
