import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { getProfile, getTeamLogoId } from "@/lib/teams/data";
import { timeZones } from "@/lib/teams/schema";
import { ProfileForm } from "@/components/teams/profile-form";
import { TeamLogoForm } from "@/components/teams/team-logo-form";
import { TeamNameForm } from "@/components/teams/team-name-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requireTeam("/settings");
  const [profile, logoId] = await Promise.all([getProfile(ctx.user.id), getTeamLogoId(ctx.scope)]);
  return (
    <div className="space-y-8">
      <PageHeader title="Settings" description={`Team ${ctx.team.name} and your own profile.`} />
      <section
        aria-labelledby="team-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="team-heading" className="mb-4 text-base font-semibold text-slate-900">
          Team
        </h2>
        {can(ctx.role, "team:manage") ? (
          <div className="space-y-6">
            <TeamNameForm name={ctx.team.name} />
            <TeamLogoForm teamName={ctx.team.name} logoId={logoId} />
          </div>
        ) : (
          <dl className="text-sm">
            <dt className="font-medium text-slate-800">Team name</dt>
            <dd className="text-slate-700">{ctx.team.name}</dd>
            <dd className="mt-2 text-slate-600">Only owners can rename the team.</dd>
          </dl>
        )}
        <p className="mt-6 border-t border-slate-100 pt-4 text-sm text-slate-600">
          Working with another group?{" "}
          <Link href="/onboarding" className="font-medium text-blue-800 underline">
            Create another team
          </Link>{" "}
          or accept an invitation; switch teams from the header.
        </p>
      </section>
      <section
        aria-labelledby="profile-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="profile-heading" className="mb-4 text-base font-semibold text-slate-900">
          Your profile
        </h2>
        <ProfileForm
          name={profile?.name ?? null}
          email={ctx.user.email}
          timeZone={profile?.timeZone ?? null}
          timeZones={timeZones()}
        />
      </section>
    </div>
  );
}
