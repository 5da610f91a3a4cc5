import type { Metadata } from "next";
import Link from "next/link";
import { requireTeam } from "@/lib/auth/session";
import { formatDuration } from "@/lib/incidents/lifecycle";
import { getPreferredTimeZone, listTeamServices } from "@/lib/incidents/data";
import { categoryLabel } from "@/lib/labels";
import {
  durationSeries,
  MEASURE_LABELS,
  MEASURES,
  reportSummary,
  SEVERITY_KEYS,
  topKeys,
  countSeries,
  whysHealth,
  type ChartId,
} from "@/lib/metrics/dashboard";
import { dashboardQuery } from "@/lib/metrics/period";
import { dashboardParams, dashboardView } from "@/lib/metrics/view";
import { ChartCard } from "@/components/insights/chart-card";
import { CountChart } from "@/components/insights/count-chart";
import { DurationChart } from "@/components/insights/duration-chart";
import { RecurringList } from "@/components/insights/recurring-list";
import { buttonClass } from "@/components/ui/button";
import { FilterBar, FilterInput, ServiceFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { count } from "@/lib/plural";

export const metadata: Metadata = { title: "Insights" };

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)} %`);
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const ctx = await requireTeam("/insights");
  const params = dashboardParams(raw, await getPreferredTimeZone(ctx.user.id));
  const [{ aggregates: a, tables }, services] = await Promise.all([
    dashboardView(ctx.scope, params),
    listTeamServices(ctx.scope),
  ]);
  const csv = (chart: ChartId) => `/api/insights/csv?${dashboardQuery(params, { chart })}`;
  const total = a.bySeverity.reduce((s, r) => s + r.count, 0);
  const serviceKeys = topKeys(a.byService, 8);
  const categoryKeys = topKeys(a.categories, 10);
  const reports = reportSummary(a.reports);
  const health = whysHealth(a.whys);
  const sevCounts = SEVERITY_KEYS.map(
    (k) => `${a.bySeverity.filter((r) => r.key === k).reduce((s, r) => s + r.count, 0)} ${k}`,
  ).join(", ");
  const openActions = tables["actions-priority"].rows.reduce((s, r) => s + Number(r[1]), 0);
  const overdueActions = tables["actions-priority"].rows.reduce((s, r) => s + Number(r[2]), 0);
  const comeBack = a.recurring.filter((r) => r.cameBackAfterDone).length;

  return (
    <div className="space-y-4">
      <PageHeader
        title="Insights"
        description={`Reliability and learning for ${params.service ? `service ${params.service}` : "the whole team"}, ${params.from} to ${params.to} (months in ${params.tz}). Incidents count in the month they started.`}
      />
      <FilterBar action="/insights" label="Period and filters" className="lg:grid-cols-6">
        <FilterInput
          id="d-from"
          name="from"
          type="month"
          label="From month"
          defaultValue={params.from}
          required
        />
        <FilterInput
          id="d-to"
          name="to"
          type="month"
          label="To month"
          defaultValue={params.to}
          required
        />
        <ServiceFilter
          id="d-service"
          value={params.service}
          services={services}
          anyLabel="All services"
        />
        <FilterInput
          id="d-sim"
          name="similarity"
          type="number"
          label="Same-cause similarity"
          min={0.2}
          max={0.95}
          step={0.05}
          defaultValue={params.similarity}
          aria-describedby="d-sim-hint"
        />
        <input type="hidden" name="tz" value={params.tz} />
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button type="submit" className={buttonClass("primary", "flex-1")}>
            Show
          </button>
          <Link href="/insights" className={buttonClass("ghost")}>
            Reset
          </Link>
        </div>
        <p
          id="d-sim-hint"
          className="col-span-2 text-xs text-slate-600 sm:col-span-3 lg:col-span-6"
        >
          A root cause of the period counts as an earlier one coming back when their trigram
          similarity (0 to 1) is at least this value; widen the period to look further back. The URL
          keeps the view: bookmark or share it.
        </p>
      </FilterBar>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          table={tables.severity}
          csvHref={csv("severity")}
          summary={`${count(total, "incident")} in the period: ${sevCounts}.`}
        >
          <CountChart
            data={countSeries(a.months, a.bySeverity, SEVERITY_KEYS)}
            keys={[...SEVERITY_KEYS]}
          />
        </ChartCard>
        <ChartCard
          table={tables.services}
          csvHref={csv("services")}
          summary={
            serviceKeys.length
              ? `Most incidents: ${serviceKeys.slice(0, 3).join(", ")}.`
              : "No services recorded."
          }
        >
          {serviceKeys.length > 0 && (
            <CountChart data={countSeries(a.months, a.byService, serviceKeys)} keys={serviceKeys} />
          )}
        </ChartCard>
      </div>

      <ChartCard
        table={tables.durations}
        csvHref={csv("durations")}
        summary="Median and p90 per month; every time counts from the incident's start, and incidents without that time are left out."
      >
        <div className="grid gap-4 md:grid-cols-2">
          {MEASURES.map((m) => (
            <figure key={m}>
              <figcaption className="text-sm font-medium text-slate-800">
                {MEASURE_LABELS[m]}
              </figcaption>
              <DurationChart
                data={durationSeries(a.months, a.durations, m).map((p) => ({
                  month: p.month,
                  median: minutes(p.median),
                  p90: minutes(p.p90),
                }))}
              />
            </figure>
          ))}
        </div>
      </ChartCard>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          table={tables.reports}
          csvHref={csv("reports")}
          summary={`${reports.resolved} resolved, ${reports.published} with a published report, ${reports.withoutReport} still without one; mean time from resolution to report ${formatDuration(reports.meanLagMs)}.`}
        >
          <CountChart
            data={a.months.map((month) => {
              const r = a.reports.find((x) => x.month === month);
              return {
                month,
                published: r?.published ?? 0,
                missing: (r?.resolved ?? 0) - (r?.published ?? 0),
              };
            })}
            keys={["published", "missing"]}
            labels={{ published: "With a published report", missing: "Without a report" }}
          />
        </ChartCard>
        <ChartCard
          table={tables.whys}
          csvHref={csv("whys")}
          summary={`${pct(health.rootCauseRate)} of incidents reach a root cause; ${pct(health.withoutActionRate)} of root causes have no countermeasure.`}
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          table={tables["actions-priority"]}
          csvHref={csv("actions-priority")}
          summary={`${count(openActions, "open action item")}, ${overdueActions} overdue.`}
        />
        <ChartCard
          table={tables["actions-owner"]}
          csvHref={csv("actions-owner")}
          summary="Open and overdue items per owner; done on time means finished by the end of the due day."
        />
      </div>

      <ChartCard
        table={tables.categories}
        csvHref={csv("categories")}
        summary={
          categoryKeys.length
            ? `Most frequent: ${categoryKeys.slice(0, 3).map(categoryLabel).join(", ")}.`
            : "No root causes in this period."
        }
      >
        {categoryKeys.length > 0 && (
          <CountChart
            data={countSeries(a.months, a.categories, categoryKeys)}
            keys={categoryKeys}
            labels={Object.fromEntries(
              categoryKeys.map((k) => [k, categoryLabel(k === "UNCATEGORISED" ? null : k)]),
            )}
          />
        )}
      </ChartCard>

      <ChartCard
        table={tables.recurring}
        csvHref={csv("recurring")}
        summary={
          a.recurring.length
            ? `${count(a.recurring.length, "recurring cause")}; ${comeBack} came back after ${comeBack === 1 ? "its" : "their"} countermeasure was done.`
            : "No recurring root causes."
        }
      />
      <section
        aria-labelledby="recurring-detail"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="recurring-detail" className="mb-2 text-base font-semibold text-slate-900">
          The same cause, again
        </h2>
        <RecurringList
          causes={a.recurring}
          similarity={params.similarity}
          compared={a.recurringCompared}
          csvHref={csv("recurring")}
        />
      </section>
    </div>
  );
}
