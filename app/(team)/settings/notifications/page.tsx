import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { hasDeliveriesInFlight, listTargets } from "@/lib/notifications/data";
import { TargetForm } from "@/components/notifications/target-form";
import { TargetList } from "@/components/notifications/target-list";
import { AutoRefresh } from "@/components/sharing/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsSettingsPage() {
  const ctx = await requireTeamPermission("team:manage", "/settings/notifications");
  const targets = await listTargets(ctx.scope);
  const pending = await hasDeliveriesInFlight(ctx.scope);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Notifications"
        description="Tell Slack, Mattermost or your own systems when an incident opens, changes status or severity, a report is published or an action item is overdue. Deliveries are retried for about ten minutes; a target that keeps failing is turned off."
      />
      {/* The log updates itself while deliveries are on their way. */}
      <AutoRefresh active={pending} />
      <TargetList targets={targets} />
      <section
        aria-labelledby="new-target-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="new-target-heading" className="mb-4 text-lg font-semibold text-slate-900">
          New target
        </h2>
        <TargetForm />
      </section>
    </div>
  );
}
