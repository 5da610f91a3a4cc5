import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/sharing/rate-limit";
import { resolveShareToken } from "@/lib/sharing/view";
import { ConfirmEmail } from "@/components/sharing/confirm-email";

// "Recipient must confirm their email" links land here from /r/<token> until the visitor is
// signed in with the shared address; then they go back to the report.
export const dynamic = "force-dynamic";

export default async function ConfirmSharedReportPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const { access, link } = await resolveShareToken(token, {
    client: clientAddress(await headers()),
    now: new Date(),
    viewerEmail: async () => (await getCurrentUser())?.email ?? null,
  });
  if (access?.kind === "limited") redirect(`/r/limited?retry=${access.retryAfterSeconds}`);
  if (!link) notFound();
  if (access?.kind !== "confirm") redirect(`/r/${token}`);
  return (
    <ConfirmEmail token={token} maskedEmail={access.maskedEmail} signedInAs={access.signedInAs} />
  );
}
