"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The incident's sections. Overview is exact-match; the others own their sub-paths. */
export function IncidentTabs({ incidentId }: { incidentId: string }) {
  const pathname = usePathname();
  const base = `/incidents/${incidentId}`;
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/whys`, label: "5 Whys" },
    { href: `${base}/actions`, label: "Action items" },
    { href: `${base}/report`, label: "Report" },
    { href: `${base}/history`, label: "History" },
  ];
  return (
    <nav
      aria-label="Incident"
      className="no-print -mx-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0"
    >
      <ul className="flex min-w-max gap-1 text-sm">
        {tabs.map((t) => {
          const active = t.exact
            ? pathname === t.href || pathname === `${t.href}/edit`
            : pathname === t.href || pathname.startsWith(`${t.href}/`);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 font-medium ${active ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
