import { SubNav } from "@/components/layout/sub-nav";

const links = [
  { href: "/settings", label: "General", exact: true },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/templates", label: "Report templates" },
  { href: "/settings/sharing", label: "Sharing" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <SubNav label="Settings" links={links} />
      <div>{children}</div>
    </div>
  );
}
