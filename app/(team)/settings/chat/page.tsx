import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { getChatIntegrations } from "@/lib/chatops/data";
import { env } from "@/lib/env";
import {
  ChatSettingsForm,
  MattermostTokenForm,
  SlackBotTokenForm,
} from "@/components/integrations/chat-settings-form";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Chat" };

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default async function ChatSettingsPage() {
  const ctx = await requireTeamPermission("team:manage", "/settings/chat");
  const { slack, mattermost } = await getChatIntegrations(ctx.scope);
  const base = env().APP_URL.replace(/\/$/, "");
  const people = [
    ...(slack?.identities.map((i) => ({ ...i, product: "Slack" })) ?? []),
    ...(mattermost?.identities.map((i) => ({ ...i, product: "Mattermost" })) ?? []),
  ];
  return (
    <div className="space-y-8">
      <PageHeader
        title="Chat"
        description={
          <>
            The slash command <code>/postmortem</code> in Slack or Mattermost opens incidents, adds
            notes and changes statuses. Each person connects their chat account once with{" "}
            <code>/postmortem link</code>; commands act with their role.
          </>
        }
      />
      <section aria-labelledby="chat-setup" className={card}>
        <h2 id="chat-setup" className="mb-1 text-lg font-semibold">
          Slack app
        </h2>
        <p className="mb-4 text-sm text-slate-700">
          Create a Slack app with a slash command whose Request URL is{" "}
          <code className="break-all">{base}/api/v1/slack/commands</code>, then enter its workspace
          ID and signing secret.
        </p>
        <ChatSettingsForm workspaceId={slack?.workspaceId ?? ""} />
      </section>
      {slack && (
        <section aria-labelledby="chat-history" className={card}>
          <h2 id="chat-history" className="mb-1 text-lg font-semibold">
            Channel import
          </h2>
          <p className="mb-4 text-sm text-slate-700">
            With a bot token, an incident&apos;s timeline import can read a channel&apos;s messages
            (threads included) for the incident&apos;s time window into its preview.
          </p>
          <SlackBotTokenForm saved={Boolean(slack.botTokenSealed)} />
        </section>
      )}
      <section aria-labelledby="chat-mattermost" className={card}>
        <h2 id="chat-mattermost" className="mb-1 text-lg font-semibold">
          Mattermost slash command
        </h2>
        <p className="mb-4 text-sm text-slate-700">
          In Mattermost, Integrations → Slash Commands → Add Slash Command: trigger word{" "}
          <code>postmortem</code>, request method POST, Request URL{" "}
          <code className="break-all">{base}/api/v1/mattermost/commands</code>. Save, then paste the
          token Mattermost shows here.
        </p>
        <MattermostTokenForm saved={Boolean(mattermost?.commandTokenHash)} />
      </section>
      <section aria-labelledby="chat-people" className="space-y-3">
        <h2 id="chat-people" className="text-lg font-semibold">
          Connected chat accounts
        </h2>
        {people.length ? (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {people.map((i) => (
              <li key={i.id} className="flex flex-wrap justify-between gap-2 px-3 py-2">
                <span>
                  <strong>{i.chatUserName}</strong> ({i.product}) → {i.user.name ?? i.user.email}
                </span>
                <LocalTime iso={i.createdAt.toISOString()} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Nobody has connected yet">
            Ask your team to type /postmortem link in Slack or Mattermost.
          </EmptyState>
        )}
      </section>
    </div>
  );
}
