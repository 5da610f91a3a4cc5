// The scale bench's table (Markdown), printed and appended to docs/benchmarks.md.
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { stealShare, type HostCpu, type LoadResult } from "./load";

export interface ScaleReport {
  machine: string;
  date: string;
  commit: string;
  nodeOptions: string;
  seed: {
    incidents: number;
    teams: number;
    seconds: number;
    reused: boolean;
    version: string;
    counts: Record<string, number>;
    smallIncidents: number;
  };
  reports: { label: string; runs: { connections: number; view: LoadResult; file: LoadResult }[] }[];
  lists: { label: string; small: LoadResult; large: LoadResult }[];
  mail: { perSecond: number; delivered: number; duplicates: number; sent: number; total: number };
  peakRssMb: number;
  extra: { label: string; value: string }[];
  /** The scale bench's own wall time. */
  minutes: number;
  /** The host's CPU during the scale bench (how much the hypervisor took: see load.ts hostCpu). */
  hostCpu: HostCpu;
  /**
   * Run by `npm run bench` (scale last): the wall time of the whole run up to this table and the
   * phases before the scale bench (prisma generate, build, seed beside it, the other benches).
   */
  whole?: { minutes: number; phases: { label: string; seconds: number }[] };
}

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${Math.round(seconds % 60)
    .toString()
    .padStart(2, "0")}`;

export function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ");
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at the end ${load}`;
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const lat = (r: LoadResult) => `${f0(r.p50)} / ${f0(r.p95)} / ${f0(r.p99)}`;
/** The hypervisor's share of the host's CPU during these requests ("steal"), in percent. */
const steal = (cpu: HostCpu) => {
  const share = stealShare(cpu);
  return Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %` : "–";
};
const bad = (r: LoadResult) =>
  r.non2xx || r.errors ? ` ⚠ ${r.non2xx} non-2xx, ${r.errors} errors` : "";

export function renderReport(r: ScaleReport): string {
  const lines: string[] = [];
  lines.push(`### ${r.date.slice(0, 16).replace("T", " ")} UTC · commit ${r.commit}`, "");
  lines.push(
    `Machine: ${r.machine}. Server NODE_OPTIONS: \`${r.nodeOptions || "(none)"}\`. Bench took ${r.minutes.toFixed(1)} min; CPU taken by the hypervisor (steal) during it: ${steal(r.hostCpu)}.`,
    "",
  );
  if (r.whole)
    lines.push(
      `Wall time of the whole \`npm run bench\`: ${r.whole.minutes.toFixed(1)} min (` +
        [...r.whole.phases, { label: "scale.bench.ts", seconds: r.minutes * 60 }]
          .map((p) => `${p.label} ${clock(p.seconds)}`)
          .join(", ") +
        ").",
      "",
    );
  lines.push(
    `Seed: ${r.seed.incidents.toLocaleString("en")} incidents across ${r.seed.teams} teams, seeded in ${r.seed.seconds.toFixed(1)} s` +
      (r.seed.reused
        ? ` (an earlier run; this run copied that seed, version ${r.seed.version}, from its template database)`
        : ` (by this run, seed version ${r.seed.version})`) +
      ` (` +
      Object.entries(r.seed.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ") +
      `); the 1k figures come from a separate database of ${r.seed.smallIncidents.toLocaleString("en")} incidents.`,
    "",
  );
  lines.push(
    "Report views: each beside the exact bytes it answered, saved under public/__bench and served as a static file by the same server. " +
      "The share-link rate limiter stays on: the server runs as behind one proxy (TRUSTED_PROXIES=1) and every shared-link request carries its own X-Forwarded-For address, so each is a new reader with a full bucket.",
    "",
  );
  lines.push(
    "| report view (large incident) | clients | req/s | same bytes as a static file, req/s | ratio | p95 ms | size | steal view / file |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const row of r.reports) {
    for (const run of row.runs) {
      lines.push(
        `| ${row.label} | ${run.connections} | ${f1(run.view.rps)} | ${f1(run.file.rps)} | ${pct(run.view.rps, run.file.rps)} | ${f0(run.view.p95)} | ${kb(run.view.bytes)}${bad(run.view)} | ${steal(run.view.cpu)} / ${steal(run.file.cpu)} |`,
      );
    }
  }
  lines.push(
    "",
    "| page (10 clients) | 1k p50 / p95 / p99 ms | 100k p50 / p95 / p99 ms | p95 100k/1k | size 1k / 100k | steal 1k / 100k |",
    "|---|---|---|---|---|---|",
  );
  for (const row of r.lists) {
    lines.push(
      `| ${row.label} | ${lat(row.small)}${bad(row.small)} | ${lat(row.large)}${bad(row.large)} | ${(row.large.p95 / row.small.p95).toFixed(2)} | ${kb(row.small.bytes)} / ${kb(row.large.bytes)} | ${steal(row.small.cpu)} / ${steal(row.large.cpu)} |`,
    );
  }
  lines.push("", "| other | value |", "|---|---|");
  lines.push(
    `| share emails to a local SMTP sink | ${f1(r.mail.perSecond)} emails/s (${r.mail.delivered}/${r.mail.total} delivered, ${r.mail.duplicates} duplicates, ${r.mail.sent} marked sent) |`,
  );
  lines.push(`| server peak resident memory (whole run, 100k server) | ${f0(r.peakRssMb)} MB |`);
  for (const e of r.extra) lines.push(`| ${e.label} | ${e.value} |`);
  lines.push("", ...targets(r));
  return `${lines.join("\n")}\n`;
}

/**
 * The team report page's rate before issue 13 (run of 73305f5 in docs/benchmarks.md, 10 and 50
 * clients): its target is 5× that.
 */
const TEAM_PAGE_BEFORE: Record<number, number> = { 10: 2.2, 50: 1.1 };

/** Each target of issues 11, 13 and 14 with this run's figure: met or missed. */
export function targets(r: ScaleReport): string[] {
  const mark = (ok: boolean) => (ok ? "met" : "**missed**");
  const out = ["| target | this run | |", "|---|---|---|"];
  for (const row of r.reports) {
    for (const run of row.runs) {
      if (row.label === "team report page") {
        const before = TEAM_PAGE_BEFORE[run.connections];
        if (!before) continue;
        const x = run.view.rps / before;
        out.push(
          `| team report page ≥ 5× before (${before} req/s at ${run.connections} clients) | ${f1(run.view.rps)} req/s = ${x.toFixed(1)}× | ${mark(x >= 5)} |`,
        );
      } else {
        const ratio = run.view.rps / run.file.rps;
        out.push(
          `| ${row.label} ≥ 40 % of static (${run.connections} clients) | ${pct(run.view.rps, run.file.rps)} | ${mark(ratio >= 0.4)} |`,
        );
      }
    }
  }
  const ratios = r.lists.map((row) => ({ label: row.label, x: row.large.p95 / row.small.p95 }));
  const over = ratios.filter((x) => !(x.x <= 1.5));
  out.push(
    `| every p95 100k/1k ≤ 1.5 | ${ratios.length - over.length} of ${ratios.length} pages; worst ${Math.max(...ratios.map((x) => x.x)).toFixed(2)}${over.length ? ` (over: ${over.map((o) => `${o.label} ${o.x.toFixed(2)}`).join("; ")})` : ""} | ${mark(over.length === 0)} |`,
  );
  out.push(
    `| peak resident memory < 500 MB | ${f0(r.peakRssMb)} MB | ${mark(r.peakRssMb < 500)} |`,
  );
  const exactlyOnce =
    r.mail.delivered === r.mail.total && r.mail.duplicates === 0 && r.mail.sent === r.mail.total;
  out.push(
    `| share emails ≥ 50/s, exactly once | ${f1(r.mail.perSecond)}/s, ${exactlyOnce ? "exactly once" : "NOT exactly once"} | ${mark(r.mail.perSecond >= 50 && exactlyOnce)} |`,
  );
  out.push(
    r.whole
      ? `| whole bench < 15 min | ${r.whole.minutes.toFixed(1)} min${r.seed.reused ? " (seed reused)" : " (seeded by this run)"} | ${mark(r.whole.minutes < 15)} |`
      : `| whole bench < 15 min | not measured: the scale bench alone took ${r.minutes.toFixed(1)} min (run \`npm run bench\` for the whole) | – |`,
  );
  return out;
}

/** Appends the run under "## Runs" of docs/benchmarks.md (created when missing); returns the text. */
export function appendRun(file: string, report: ScaleReport): string {
  const text = renderReport(report);
  if (!existsSync(file)) writeFileSync(file, "# Benchmarks\n\n## Runs\n\n");
  appendFileSync(file, `\n${text}`);
  return text;
}
