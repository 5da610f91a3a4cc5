import type { Metadata } from "next";
import { requireTeam } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const { team } = await requireTeam("/");
  return <PageHeader title={team.name} description="Open incidents and recent reports." />;
}
