import type { Metadata } from "next";
import { requireTeam } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { team } = await requireTeam("/settings");
  return <PageHeader title="Settings" description={`Team ${team.name} and your profile.`} />;
}
