import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireIncidentPage } from "@/lib/incidents/access";
import { findTeamVersionHtmlByNumber, publishedHtmlKey } from "@/lib/reports/published-html";
import { FrozenReportHtml } from "@/components/reports/frozen-report";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Published report" };

export default async function VersionPage({
  params,
}: {
  params: Promise<{ id: string; number: string }>;
}) {
  const { id, number } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const version = /^\d{1,6}$/.test(number)
    ? await findTeamVersionHtmlByNumber(ctx.scope, incident.id, Number(number))
    : null;
  const htmlKey = version && (await publishedHtmlKey(version, "team"));
  if (!version || !htmlKey) notFound();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          <Link
            href={`/incidents/${incident.id}/report/versions`}
            className="text-blue-800 underline"
          >
            Version history
          </Link>{" "}
          / Version {version.number} (published, frozen)
        </p>
        <nav aria-label="Export" className="flex flex-wrap gap-2">
          <a
            href={`/api/reports/${version.id}/markdown`}
            className={buttonClass("secondary")}
            download
          >
            Download Markdown
          </a>
          <a href={`/api/reports/${version.id}/json`} className={buttonClass("secondary")} download>
            Download JSON
          </a>
          <Link href={`/print/reports/${version.id}`} className={buttonClass("secondary")}>
            Print / PDF
          </Link>
          <Link
            href={`/incidents/${incident.id}/report/share`}
            className={buttonClass("secondary")}
          >
            Share
          </Link>
        </nav>
      </div>
      <p className="text-sm text-slate-700">
        Customer version (no internal sections, roles instead of names):{" "}
        <a
          href={`/preview/reports/${version.id}?audience=customer`}
          className="text-blue-800 underline"
        >
          preview
        </a>
        ,{" "}
        <a
          href={`/api/reports/${version.id}/markdown?audience=customer`}
          className="text-blue-800 underline"
          download
        >
          Markdown
        </a>
        ,{" "}
        <a
          href={`/print/reports/${version.id}?audience=customer`}
          className="text-blue-800 underline"
        >
          print / PDF
        </a>
        .
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-6">
        <FrozenReportHtml cacheKey={htmlKey} src={`/print/reports/${version.id}`} />
      </div>
    </div>
  );
}
