// "One rule per fact": the incident page and the published report must show the same
// response figures for the same incident. Both views are rendered and their figures compared.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ResponseTimes } from "@/components/incidents/response-times";
import { ReportView } from "@/components/reports/report-view";
import type { LifecycleTimes } from "@/lib/incidents/lifecycle";
import { composeReport } from "./snapshot";
import { sampleSource } from "./test-fixtures";
import { snapshotToMarkdown } from "./text";

const t = (hhmm: string) => new Date(`2026-01-10T${hhmm}:00Z`);

/** Label → value pairs of every <dt>/<dd> starting with "Time to" in the markup. */
function figures(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<dt[^>]*>(Time to [^<]+)<\/dt><dd[^>]*>([^<]*)<\/dd>/g))
    out[m[1]] = m[2];
  return out;
}

const cases: [string, LifecycleTimes][] = [
  [
    "every time recorded",
    {
      startedAt: t("14:00"),
      detectedAt: t("14:04"),
      acknowledgedAt: t("14:06"),
      mitigatedAt: t("14:40"),
      resolvedAt: t("15:05"),
    },
  ],
  [
    "no detection time (acknowledge counts from the start)",
    {
      startedAt: t("14:00"),
      detectedAt: null,
      acknowledgedAt: t("14:09"),
      mitigatedAt: null,
      resolvedAt: t("16:30"),
    },
  ],
  [
    "seconds and days",
    {
      startedAt: t("14:00"),
      detectedAt: new Date("2026-01-10T14:00:45Z"),
      acknowledgedAt: t("14:02"),
      mitigatedAt: new Date("2026-01-12T18:00:00Z"),
      resolvedAt: null,
    },
  ],
  [
    "only the start",
    {
      startedAt: t("14:00"),
      detectedAt: null,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
    },
  ],
];

describe("incident page and published report agree on durations", () => {
  it.each(cases)("%s", (_name, times) => {
    const page = figures(renderToStaticMarkup(createElement(ResponseTimes, { times })));
    const snapshot = composeReport(
      sampleSource({
        incident: { ...sampleSource().incident, ...times, startedAt: times.startedAt! },
        publication: { number: 1, publishedAt: t("18:00"), publishedBy: "Dana" },
      }),
    );
    const report = figures(
      renderToStaticMarkup(createElement(ReportView, { snapshot, audience: "stakeholder" })),
    );
    expect(Object.keys(page)).toEqual([
      "Time to detect",
      "Time to acknowledge",
      "Time to mitigate",
      "Time to resolve",
    ]);
    expect(report).toEqual(page);
    // And the Markdown export says the same.
    const md = snapshotToMarkdown(snapshot);
    for (const [label, value] of Object.entries(page)) expect(md).toContain(`- ${label}: ${value}`);
  });

  it("shows the figures a reader would compute", () => {
    const page = figures(
      renderToStaticMarkup(createElement(ResponseTimes, { times: cases[0][1] })),
    );
    expect(page).toEqual({
      "Time to detect": "4 min",
      "Time to acknowledge": "2 min",
      "Time to mitigate": "40 min",
      "Time to resolve": "1 h 5 min",
    });
    expect(
      figures(renderToStaticMarkup(createElement(ResponseTimes, { times: cases[2][1] }))),
    ).toMatchObject({
      "Time to detect": "45 s",
      "Time to mitigate": "2 d 4 h",
      "Time to resolve": "—",
    });
  });
});
