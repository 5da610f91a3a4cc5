import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from "@/lib/action-items/constants";
import {
  ACTION_PAGE_SIZE,
  countActionItems,
  listActionItemsPage,
  listIncidentsWithActions,
  listOwnerOptions,
} from "@/lib/action-items/data";
import { filterHref, parseActionFilters } from "@/lib/action-items/filters";
import { incidentKey } from "@/lib/incidents/constants";
import { ActionItemList } from "@/components/action-items/action-item-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Action items" };

/** The list with the same filters, another page (the filter links always start at page 1). */
function pageHref(filters: Parameters<typeof filterHref>[0], page: number) {
  const base = filterHref(filters, {});
  return page <= 1 ? base : `${base}${base.includes("?") ? "&" : "?"}page=${page}`;
}

export default async function ActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireTeam("/actions");
  const params = await searchParams;
  const filters = parseActionFilters(params);
  const now = new Date();
  const [{ items, page, hasMore }, counts, incidents, owners] = await Promise.all([
    listActionItemsPage(
      ctx.scope,
      filters,
      ctx.user.id,
      Number(Array.isArray(params.page) ? params.page[0] : params.page),
      now,
    ),
    countActionItems(ctx.scope, ctx.user.id, now),
    listIncidentsWithActions(ctx.scope),
    listOwnerOptions(ctx.scope),
  ]);
  const quick = [
    {
      label: `All active (${counts.active})`,
      href: filterHref(filters, { mine: false, overdue: false, status: "ACTIVE" }),
      active: !filters.mine && !filters.overdue && filters.status === "ACTIVE",
    },
    {
      label: `Mine (${counts.mine})`,
      href: filterHref(filters, { mine: true, overdue: false }),
      active: filters.mine && !filters.overdue,
    },
    {
      label: `Overdue (${counts.overdue})`,
      href: filterHref(filters, { overdue: true, mine: false }),
      active: filters.overdue && !filters.mine,
    },
  ];
  const filtered =
    filters.mine ||
    filters.overdue ||
    filters.incident ||
    filters.owner ||
    filters.status !== "ACTIVE";

  return (
    <div className="space-y-6">
      <PageHeader
        title="Action items"
        description="Follow-ups from every incident: who owns them, when they are due, and what is overdue."
      />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Counts">
        {[
          ...ACTION_STATUSES.map((s) => [ACTION_STATUS_LABELS[s], counts.status[s]] as const),
          ["Overdue", counts.overdue] as const,
        ].map(([label, n]) => (
          <div
            key={label}
            className={`rounded-lg border bg-white px-3 py-2 ${label === "Overdue" && n > 0 ? "border-red-300" : "border-slate-200"}`}
          >
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd
              className={`text-xl font-semibold ${label === "Overdue" && n > 0 ? "text-red-800" : ""}`}
            >
              {n}
            </dd>
          </div>
        ))}
      </dl>
      <nav aria-label="Quick filters">
        <ul className="flex flex-wrap gap-2 text-sm">
          {quick.map((q) => (
            <li key={q.label}>
              <Link
                href={q.href}
                aria-current={q.active ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 ${q.active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
              >
                {q.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
        aria-label="Filter action items"
      >
        <div className="space-y-1">
          <label htmlFor="f-status" className="block text-sm font-medium">
            Status
          </label>
          <select
            id="f-status"
            name="status"
            defaultValue={filters.status}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="ACTIVE">Open or in progress</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
            <option value="ALL">Any status</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="f-owner" className="block text-sm font-medium">
            Owner
          </label>
          <select
            id="f-owner"
            name="owner"
            defaultValue={filters.owner ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name ?? o.email}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="f-incident" className="block text-sm font-medium">
            Incident
          </label>
          <select
            id="f-incident"
            name="incident"
            defaultValue={filters.incident ?? ""}
            className="max-w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Any incident</option>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {incidentKey(i.number)}: {i.title.slice(0, 60)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input
            type="checkbox"
            name="mine"
            value="1"
            defaultChecked={filters.mine}
            className="h-4 w-4"
          />{" "}
          Mine only
        </label>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input
            type="checkbox"
            name="overdue"
            value="1"
            defaultChecked={filters.overdue}
            className="h-4 w-4"
          />{" "}
          Overdue only
        </label>
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          Apply filters
        </button>
        {filtered && (
          <Link href="/actions" className="pb-1.5 text-sm text-blue-800 underline">
            Clear filters
          </Link>
        )}
      </form>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
        {page > 1 || hasMore
          ? `Items ${(page - 1) * ACTION_PAGE_SIZE + 1}–${(page - 1) * ACTION_PAGE_SIZE + items.length}, page ${page}`
          : `${items.length} item${items.length === 1 ? "" : "s"}`}
      </p>
      {items.length === 0 ? (
        counts.total === 0 ? (
          <EmptyState title="No action items yet">
            Open an incident and add a countermeasure for each root cause from its 5 Whys, or add an
            action item on the incident&apos;s Action items tab.
          </EmptyState>
        ) : (
          <EmptyState
            title="Nothing matches these filters"
            action={
              <Link href="/actions" className="text-blue-800 underline">
                Show all active items
              </Link>
            }
          >
            Try another status or owner.
          </EmptyState>
        )
      ) : (
        <ActionItemList
          items={items}
          canWrite={can(ctx.role, "incident:write")}
          showIncident
          now={now}
          caption="Action items"
        />
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label="Pagination" className="flex justify-between gap-2">
          {page > 1 ? (
            <Link
              href={pageHref(filters, page - 1)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
            >
              Previous page
            </Link>
          ) : (
            <span />
          )}
          {hasMore && (
            <Link
              href={pageHref(filters, page + 1)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
            >
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
