import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { getChatIntegration } from "@/lib/chatops/data";
import { env } from "@/lib/env";
import { ChatSettingsForm, SlackBotTokenForm } from "@/components/integrations/chat-settings-form";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatSettingsPage() {
  const ctx = await requireTeamPermission("team:manage", "/settings/chat");
  const integration = await getChatIntegration(ctx.scope);
  const commandUrl = `${env().APP_URL.replace(/\/$/, "")}/api/v1/slack/commands`;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Chat"
        description={
          <>
            Slack slash command <code>/postmortem</code>: create a Slack app with a slash command
            whose Request URL is <code className="break-all">{commandUrl}</code>, then enter its
            workspace ID and signing secret here. Each person connects their chat account once with{" "}
            <code>/postmortem link</code>; commands act with their role.
          </>
        }
      />
      <section
        aria-labelledby="chat-setup"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="chat-setup" className="mb-4 text-lg font-semibold">
          Slack app
        </h2>
        <ChatSettingsForm workspaceId={integration?.workspaceId ?? ""} />
      </section>
      {integration && (
        <section
          aria-labelledby="chat-history"
          className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        >
          <h2 id="chat-history" className="mb-1 text-lg font-semibold">
            Channel import
          </h2>
          <p className="mb-4 text-sm text-slate-700">
            With a bot token, an incident&apos;s timeline import can read a channel&apos;s messages
            (threads included) for the incident&apos;s time window into its preview.
          </p>
          <SlackBotTokenForm saved={Boolean(integration.botTokenSealed)} />
        </section>
      )}
      <section aria-labelledby="chat-people" className="space-y-3">
        <h2 id="chat-people" className="text-lg font-semibold">
          Connected chat accounts
        </h2>
        {integration?.identities.length ? (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {integration.identities.map((i) => (
              <li key={i.id} className="flex flex-wrap justify-between gap-2 px-3 py-2">
                <span>
                  <strong>{i.chatUserName}</strong> → {i.user.name ?? i.user.email}
                </span>
                <LocalTime iso={i.createdAt.toISOString()} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Nobody has connected yet">
            Ask your team to type /postmortem link in Slack.
          </EmptyState>
        )}
      </section>
    </div>
  );
}
