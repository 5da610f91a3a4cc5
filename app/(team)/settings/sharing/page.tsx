import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { getSharingPolicy } from "@/lib/sharing/data";
import { SharingSettingsForm } from "@/components/sharing/sharing-settings-form";

export const metadata: Metadata = { title: "Sharing settings" };

export default async function SharingSettingsPage() {
  const ctx = await requireTeam("/settings/sharing");
  const settings = await getSharingPolicy(ctx.scope);
  if (!settings) notFound();
  const canEdit = can(ctx.role, "team:manage");
  return (
    <section aria-labelledby="sharing-heading" className="max-w-xl space-y-4">
      <div>
        <h1 id="sharing-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Sharing
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          How long emailed report links work, and whether they may open without the recipient
          confirming their email.
          {canEdit ? "" : " Only owners can change these settings."}
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <SharingSettingsForm settings={settings} canEdit={canEdit} />
      </div>
    </section>
  );
}
