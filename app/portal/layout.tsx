import type { Metadata } from "next";
import { signOutAction } from "@/lib/auth/actions";
import { requireUser } from "@/lib/auth/session";
import { ReaderShell } from "@/components/sharing/reader-shell";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = {
  title: { default: "Stakeholder portal", template: "%s · Hindsight portal" },
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/portal");
  return (
    <ReaderShell
      subtitle="Stakeholder portal"
      aside={
        <div className="flex items-center gap-3 text-sm text-slate-700">
          <span className="break-all">{user.email}</span>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="px-2 py-1 text-xs">
              Sign out
            </Button>
          </form>
        </div>
      }
    >
      {children}
    </ReaderShell>
  );
}
