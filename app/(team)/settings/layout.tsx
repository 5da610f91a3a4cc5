import { SubNav } from "@/components/layout/sub-nav";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";

const links = [
  { href: "/settings", label: "General", exact: true },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/templates", label: "Report templates" },
  { href: "/settings/sharing", label: "Sharing" },
];

// Integrations hold credentials: only owners see (and reach) them.
const ownerLinks = [
  { href: "/settings/api-tokens", label: "API tokens" },
  { href: "/settings/alerts", label: "Alert sources" },
  { href: "/settings/chat", label: "Chat" },
  { href: "/settings/notifications", label: "Notifications" },
];

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTeam("/settings");
  return (
    <div className="space-y-6">
      <SubNav
        label="Settings"
        links={can(ctx.role, "team:manage") ? [...links, ...ownerLinks] : links}
      />
      <div>{children}</div>
    </div>
  );
}
