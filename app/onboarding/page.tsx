import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTeamContext, requireUser } from "@/lib/auth/session";
import { CreateTeamForm } from "@/components/teams/create-team-form";

export const metadata: Metadata = { title: "Create your team" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  if (await getTeamContext()) redirect("/");
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold">Welcome to Hindsight</h1>
        <p className="mb-4 text-sm text-slate-600">
          Signed in as {user.email}. You are not in a team yet: create one, or ask a team owner to invite this address.
        </p>
        <CreateTeamForm />
      </div>
    </main>
  );
}
