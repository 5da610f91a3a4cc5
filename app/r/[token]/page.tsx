import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { toStakeholderSnapshot } from "@/lib/reports/snapshot";
import { clientAddress } from "@/lib/sharing/rate-limit";
import { openShareLink } from "@/lib/sharing/view";
import { ReportView } from "@/components/reports/report-view";
import { ConfirmEmail } from "@/components/sharing/confirm-email";

// Every request re-checks the token (revocation is effective on the next request) and counts a view.
export const dynamic = "force-dynamic";

export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const access = await openShareLink(token, {
    client: clientAddress(await headers()),
    now: new Date(),
    viewerEmail: async () => (await getCurrentUser())?.email ?? null,
  });
  // Pages cannot answer 429 themselves: the limiter's own route does, with Retry-After.
  if (access.kind === "limited") redirect(`/r/limited?retry=${access.retryAfterSeconds}`);
  if (access.kind === "not-found") notFound();
  if (access.kind === "confirm") return <ConfirmEmail token={token} maskedEmail={access.maskedEmail} signedInAs={access.signedInAs} />;
  return <ReportView snapshot={toStakeholderSnapshot(access.version.snapshot)} audience="stakeholder" />;
}
