import type { Metadata } from "next";
import Link from "next/link";
import { requireTeam } from "@/lib/auth/session";
import { listTeamServices } from "@/lib/incidents/data";
import { searchTeam } from "@/lib/search/data";
import {
  activeFilters,
  PAGE_SIZE,
  parseSearchParams,
  QUERY_MAX,
  SEARCH_TYPES,
  SEARCH_TYPE_LABELS,
  searchHref,
  windowNotice,
} from "@/lib/search/schema";
import { SearchResults } from "@/components/search/search-results";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  FilterBar,
  FilterInput,
  FilterSelect,
  labelled,
  ServiceFilter,
  SeverityFilter,
  StartedRange,
} from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = parseSearchParams(await searchParams);
  const ctx = await requireTeam(searchHref(p));
  const [{ hits, hasMore, windowed, corrected, onlyCorrected }, services] = await Promise.all([
    searchTeam(ctx.scope, p),
    listTeamServices(ctx.scope),
  ]);
  const filters = activeFilters(p);
  const offset = (p.page - 1) * PAGE_SIZE;
  const notice = windowNotice(windowed);

  return (
    <div>
      <PageHeader
        title="Search"
        description={
          <>
            Incidents, timeline events, 5 Whys, action items and published reports of{" "}
            {ctx.team.name}. Use quotes for a phrase, <code>-word</code> to exclude a word,{" "}
            <code>or</code> for either word. Press{" "}
            <kbd className="rounded border border-slate-300 px-1 text-xs">/</kbd> anywhere to
            search.
          </>
        }
      />
      <FilterBar
        action="/search"
        label="Search with filters"
        search
        className="mb-4 lg:grid-cols-7"
      >
        <FilterInput
          id="s-q"
          name="q"
          label="Words"
          type="search"
          defaultValue={p.q}
          maxLength={QUERY_MAX}
          placeholder='e.g. "connection pool" -staging'
          cellClassName="col-span-2 sm:col-span-3 lg:col-span-2"
        />
        <FilterSelect
          id="s-type"
          name="type"
          label="Type"
          value={p.type}
          anyLabel="Everything"
          options={labelled(SEARCH_TYPES, SEARCH_TYPE_LABELS)}
        />
        <ServiceFilter id="s-service" value={p.service} services={services} />
        <SeverityFilter id="s-severity" value={p.severity} />
        <StartedRange idPrefix="s" from={p.from} to={p.to} />
        <div className="col-span-2 sm:col-span-3 lg:col-span-7">
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </div>
      </FilterBar>

      <p className="sr-only" role="status" aria-live="polite">
        {p.q
          ? hits.length
            ? `Showing results ${offset + 1} to ${offset + hits.length} for “${onlyCorrected ? corrected : p.q}”.`
            : `No results for “${p.q}”.`
          : ""}
      </p>

      {!p.q ? (
        <EmptyState title="Type words to search">
          Search finds words in titles, summaries, timeline events, 5 Whys statements, action items
          and published reports, and forgives small typos.
        </EmptyState>
      ) : hits.length === 0 ? (
        <EmptyState title={`No results for “${p.q}”${filters.length ? " with these filters" : ""}`}>
          {filters.length ? (
            <div>
              <p>Try removing a filter:</p>
              <ul className="mt-2 flex flex-wrap justify-center gap-2">
                {filters.map((f) => (
                  <li key={f.key}>
                    <Link
                      href={searchHref(p, { [f.key]: undefined, page: undefined })}
                      className="rounded-full border border-slate-300 px-3 py-1 text-blue-800 hover:bg-slate-50"
                    >
                      Remove “{f.label}”
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>Check the spelling, use fewer words, or search for one word of a phrase.</p>
          )}
        </EmptyState>
      ) : (
        <>
          {corrected !== null && (
            <p
              className="mb-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950"
              data-testid="search-corrected"
            >
              {onlyCorrected ? (
                <>
                  No exact matches for “{p.q}”. Showing results for{" "}
                  <strong className="font-semibold">“{corrected}”</strong>.
                </>
              ) : (
                <>
                  Also showing results for <strong className="font-semibold">“{corrected}”</strong>,
                  after the exact matches.
                </>
              )}{" "}
              <Link
                href={searchHref(p, { q: corrected, page: undefined })}
                className="font-medium text-blue-800 underline underline-offset-2"
              >
                Search for “{corrected}” instead
              </Link>
            </p>
          )}
          {notice && (
            <p
              className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="search-window"
            >
              {notice}
            </p>
          )}
          <SearchResults hits={hits} offset={offset} />
          <nav aria-label="Result pages" className="mt-4 flex justify-between text-sm">
            {p.page > 1 ? (
              <Link href={searchHref(p, { page: p.page - 1 })} className={buttonClass("secondary")}>
                Previous results
              </Link>
            ) : (
              <span />
            )}
            {hasMore && (
              <Link href={searchHref(p, { page: p.page + 1 })} className={buttonClass("secondary")}>
                More results
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
