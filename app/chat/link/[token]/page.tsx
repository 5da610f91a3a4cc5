import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { hashSecret } from "@/lib/api/tokens";
import { findLinkRequest } from "@/lib/chatops/data";
import { ChatLinkConfirm } from "@/components/integrations/chat-link-confirm";

export const metadata: Metadata = { title: "Connect chat account" };

/** Opened from the ephemeral `/postmortem link` reply: the signed-in user confirms the connection. */
export default async function ChatLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/chat/link/${encodeURIComponent(token)}`);
  // Reads never write: the page only shows the request; the button confirms it.
  const request =
    typeof token === "string" && token.length < 200
      ? await findLinkRequest(hashSecret(token))
      : null;
  return (
    <main id="main" className="mx-auto max-w-lg space-y-4 px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Connect your chat account</h1>
      {request ? (
        <>
          <p className="text-slate-700">
            Chat user <strong>{request.chatUserName}</strong> will act as{" "}
            <strong>{user.name ?? user.email}</strong> in{" "}
            <strong>{request.integration.team.name}</strong>: slash commands will open incidents and
            add notes with your role.
          </p>
          <ChatLinkConfirm token={token} />
        </>
      ) : (
        <p className="text-slate-700">
          This link has expired or was already used. Type <code>/postmortem link</code> in chat for
          a new one.
        </p>
      )}
    </main>
  );
}
