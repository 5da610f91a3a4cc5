// The dashboard's recurring causes as a reader sees them: a cause seen in many incidents lists
// where it was first seen and its latest times, says how many are between, and points to the CSV.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  RECURRING_INCIDENTS_SHOWN,
  shownIncidents,
  type RecurringCause,
} from "@/lib/metrics/recurring";
import { RecurringList } from "./recurring-list";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function group(n: number): RecurringCause {
  return {
    statement: "Pool size was never load-tested",
    similarity: 1,
    incidents: Array.from({ length: n }, (_, i) => ({
      incidentId: `i${i + 1}`,
      incidentKey: `INC-${i + 1}`,
      incidentTitle: `Checkout outage ${i + 1}`,
      startedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      statement: "Pool size was never load-tested",
      nodeId: `w${i + 1}`,
    })),
    actionsDone: n,
    actionsOpen: 0,
    cameBackAfterDone: true,
    cameBackIn: "INC-2",
  };
}

describe("shownIncidents", () => {
  it("keeps a short group whole", () => {
    expect(shownIncidents([1, 2, 3], 10)).toEqual({ first: [1, 2, 3], latest: [], omitted: 0 });
    const ten = Array.from({ length: 10 }, (_, i) => i);
    expect(shownIncidents(ten, 10)).toEqual({ first: ten, latest: [], omitted: 0 });
  });

  it("keeps the first and the latest of a long one, and counts the ones between", () => {
    const many = Array.from({ length: 1622 }, (_, i) => i + 1);
    expect(shownIncidents(many, 10)).toEqual({
      first: [1],
      latest: [1614, 1615, 1616, 1617, 1618, 1619, 1620, 1621, 1622],
      omitted: 1612,
    });
    expect(shownIncidents(many, 1)).toEqual({ first: [1], latest: [], omitted: 1621 });
  });
});

describe("RecurringList", () => {
  it("lists every incident of a group up to the limit", () => {
    const html = renderToStaticMarkup(
      createElement(RecurringList, {
        causes: [group(RECURRING_INCIDENTS_SHOWN)],
        similarity: 0.6,
        csvHref: "/api/insights/csv?chart=recurring",
      }),
    );
    expect(html.match(/href="\/incidents\//g)).toHaveLength(RECURRING_INCIDENTS_SHOWN);
    expect(html).not.toContain("more incident");
    expect(text(html)).toContain("10 incidents · similarity up to 1.00");
  });

  it("shows a long group's first and latest incidents, the count between and the CSV with all", () => {
    const html = renderToStaticMarkup(
      createElement(RecurringList, {
        causes: [group(1622)],
        similarity: 0.6,
        csvHref: "/api/insights/csv?chart=recurring",
      }),
    );
    const links = [...html.matchAll(/href="\/incidents\/(i\d+)\/whys\?node=w\d+"/g)].map(
      (m) => m[1],
    );
    expect(links).toEqual(["i1", ...Array.from({ length: 9 }, (_, i) => `i${1614 + i}`)]);
    const words = text(html);
    expect(words).toContain("1,622 incidents · similarity up to 1.00");
    expect(words).toContain(
      "… 1,612 more incidents between the first and the latest 9 (every one is in the CSV of recurring causes )",
    );
    expect(html).toContain('href="/api/insights/csv?chart=recurring"');
    // In order: the first time, the count, then the latest times.
    expect(words.indexOf("INC-1 ·")).toBeLessThan(words.indexOf("1,612 more"));
    expect(words.indexOf("1,612 more")).toBeLessThan(words.indexOf("INC-1614 ·"));
  });
});
