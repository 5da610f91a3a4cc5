// 5 Whys figures: render time of the editor and the diagram for a 300-node tree, keyboard
// responsiveness, and save-to-appearance latency between two browsers served by two different
// app instances (LISTEN/NOTIFY across processes).
//   npm run bench -- whys
// Uses a fresh database on the embedded server (or TEST_DATABASE_URL's server), builds the app
// into BENCH_DIST_DIR (default .next-bench; set BENCH_SKIP_BUILD=1 to reuse an existing build).
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import pg from "pg";
import { embeddedUrl, startEmbeddedServer } from "../db/embedded";
import { adminQuery, withDatabaseName } from "../db/admin";
import { migrateDeploy } from "../db/migrate";
import { freePort, startNextApp, type StartedApp } from "../app-server";

const root = path.resolve(import.meta.dirname, "../..");
const NODES = Number(process.env.BENCH_WHYS_NODES ?? 300);
const SAVES = Number(process.env.BENCH_WHYS_SAVES ?? 10);
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

const id = () => `b${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** A team, a signed-in session, an incident with timeline events and a 300-node tree. */
async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const userId = id();
    const teamId = id();
    const incidentId = id();
    await c.query(
      `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, 'bench@example.test', 'Bench User', now())`,
      [userId],
    );
    await c.query(
      `INSERT INTO "Team" (id, name, slug, "incidentSeq", "updatedAt") VALUES ($1, 'Bench Team', $2, 1, now())`,
      [teamId, `bench-${teamId}`],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'OWNER')`,
      [id(), teamId, userId],
    );
    const token = randomBytes(32).toString("hex");
    await c.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "activeTeamId") VALUES ($1, $2, $3, now() + interval '1 day', $4)`,
      [id(), token, userId, teamId],
    );
    await c.query(
      `INSERT INTO "Incident" (id, "teamId", number, title, severity, "startedAt", "customerImpact", services, tags, "createdById", "updatedAt")
       VALUES ($1, $2, 1, 'Bench incident', 'SEV2', now() - interval '2 hours', 'Checkout failed for many customers.', '{checkout}', '{}', $3, now())`,
      [incidentId, teamId, userId],
    );
    const events: string[] = [];
    for (let i = 0; i < 40; i++) {
      const eventId = id();
      events.push(eventId);
      await c.query(
        `INSERT INTO "TimelineEvent" (id, "incidentId", "occurredAt", kind, body, "updatedAt") VALUES ($1, $2, now() - interval '2 hours' + ($3 || ' minutes')::interval, 'NOTE', $4, now())`,
        [
          eventId,
          incidentId,
          String(i * 3),
          `Timeline note ${i}: queue depth ${i * 17} and error rate ${(i % 9) + 1}%`,
        ],
      );
    }
    // Breadth-first: 6 top-level causes, up to 3 causes each, until NODES nodes (depth ~5).
    const nodes: { id: string; parentId: string | null; position: number; depth: number }[] = [];
    for (let i = 0; i < 6; i++) nodes.push({ id: id(), parentId: null, position: i, depth: 1 });
    for (let i = 0; nodes.length < NODES; i++) {
      const parent = nodes[i];
      for (let k = 0; k < 3 && nodes.length < NODES; k++)
        nodes.push({ id: id(), parentId: parent.id, position: k, depth: parent.depth + 1 });
    }
    const hasChild = new Set(nodes.map((n) => n.parentId));
    const values: unknown[] = [];
    const rows = nodes.map((n, i) => {
      const leaf = !hasChild.has(n.id);
      values.push(
        n.id,
        incidentId,
        n.parentId,
        `Cause ${i} at depth ${n.depth}: component ${i % 23} hit limit ${i % 7} under load ${i % 13}`,
        n.position,
        leaf && i % 4 === 0,
        leaf && i % 4 === 0 ? "CAPACITY" : null,
      );
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::"RootCauseCategory", now())`;
    });
    await c.query(
      `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, position, "isRootCause", category, "updatedAt") VALUES ${rows.join(", ")}`,
      values,
    );
    for (let i = 0; i < nodes.length; i += 5) {
      await c.query(
        `INSERT INTO "WhyNodeEvidence" (id, "nodeId", "timelineEventId") VALUES ($1, $2, $3)`,
        [id(), nodes[i].id, events[i % events.length]],
      );
    }
    return { incidentId, token, lastNodeId: nodes[nodes.length - 1].id, firstNodeId: nodes[0].id };
  } finally {
    await c.end();
  }
}

async function main() {
  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedServer();
  const baseUrl = process.env.TEST_DATABASE_URL ?? embeddedUrl("postgres");
  const name = `hindsight_bench_${Date.now()}_${process.pid}`;
  const url = withDatabaseName(baseUrl, name);
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const apps: StartedApp[] = [];
  const browser = await chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ??
      (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    await migrateDeploy(url, true);
    const { incidentId, token, lastNodeId } = await seed(url);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "bench-secret-not-for-production-0123456789",
      AUTH_TRUST_HOST: "true",
      SMTP_URL: "smtp://127.0.0.1:9",
    };
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(path.join(root, distDir, "BUILD_ID"))) {
      console.log(`Building the app into ${distDir} …`);
      // next build adds its dist dir's types to tsconfig.json; a benchmark must leave the tree clean.
      const tsconfig = readFileSync(path.join(root, "tsconfig.json"), "utf8");
      const built = spawnSync(process.execPath, [nextBin, "build"], {
        cwd: root,
        stdio: "ignore",
        env,
      });
      writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
      if (built.status !== 0) throw new Error("next build failed");
    }
    // Two app instances on one database: the second browser is served by the other one.
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const appUrl = `http://localhost:${port}`;
      apps.push(
        await startNextApp({
          port,
          env: { ...env, APP_URL: appUrl, AUTH_URL: appUrl },
          stdio: "ignore",
        }),
      );
    }
    const [urlA, urlB] = ports.map((p) => `http://localhost:${p}`);
    const editorPath = `/incidents/${incidentId}/whys`;
    const diagramPath = `/incidents/${incidentId}/whys/diagram`;
    const cookie = `authjs.session-token=${token}`;

    console.log(
      `\n5 Whys bench: ${NODES}-node tree, 2 app instances on ports ${ports.join(" and ")}\n`,
    );

    // Server response: full HTML of the page (warm-up first: the first request compiles nothing
    // in production, but fills the connection pool).
    for (const [label, p] of [
      ["editor page", editorPath],
      ["diagram page", diagramPath],
    ] as const) {
      await fetch(`${urlA}${p}`, { headers: { cookie } }).then((r) => r.text());
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        const response = await fetch(`${urlA}${p}`, { headers: { cookie } });
        const html = await response.text();
        times.push(performance.now() - t0);
        bytes = html.length;
        if (!response.ok || !html.includes(`Cause ${NODES - 1} at depth`))
          throw new Error(`${p} answered ${response.status} without the whole tree`);
      }
      console.log(
        `Server response, ${label.padEnd(12)}: ${fmt(times)}, ${(bytes / 1024).toFixed(0)} KiB HTML`,
      );
      if (process.env.BENCH_DEBUG) {
        const html = await fetch(`${urlA}${p}`, { headers: { cookie } }).then((r) => r.text());
        console.log(
          `  last node element in server HTML: ${html.includes(`id="why-node-${lastNodeId}"`)} at offset ${html.indexOf(`id="why-node-${lastNodeId}"`)}; hidden-div count ${(html.match(/<div hidden/g) ?? []).length}`,
        );
      }
    }

    const contextA = await browser.newContext({ baseURL: urlA });
    const contextB = await browser.newContext({ baseURL: urlB });
    for (const [ctx, u] of [
      [contextA, urlA],
      [contextB, urlB],
    ] as const) {
      await ctx.addCookies([
        { name: "authjs.session-token", value: token, url: u, httpOnly: true, sameSite: "Lax" },
      ]);
    }
    const pageA = await contextA.newPage();
    if (process.env.BENCH_DEBUG)
      pageA.on("console", (m) => console.log(`[browser ${m.type()}] ${m.text().slice(0, 300)}`));

    // Browser: navigation until the last node is visible and the page is interactive (hydrated:
    // the live stream is connected, which only happens once the client code runs).
    // Timed inside the page (from navigation start), so Playwright's polling adds nothing:
    // a MutationObserver notes when the last node is in the document and laid out, and when the
    // live indicator says "Live" (the client code has hydrated and opened the stream).
    await contextA.addInitScript(`(() => {
      const marks = (window.__whysMarks = {});
      const check = () => {
        const last = document.getElementById(${JSON.stringify(`why-node-${lastNodeId}`)});
        const diagramDone = document.querySelector("figure")?.textContent?.includes(${JSON.stringify(`Cause ${NODES - 1} at depth`)});
        if (!marks.visible && ((last && last.getClientRects().length) || diagramDone)) marks.visible = performance.now();
        const live = document.querySelector('[data-testid="live-status"]');
        if (!marks.live && live && live.textContent.startsWith("Live")) marks.live = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    })()`);
    const timed = async (path: string, waitForLive: boolean) => {
      await pageA.goto(path, { waitUntil: "commit" });
      // A function, not a string: the app's CSP has no 'unsafe-eval', and a string predicate
      // is evaluated with eval in the page.
      await pageA.waitForFunction((live) => {
        const marks = (window as { __whysMarks?: { visible?: number; live?: number } }).__whysMarks;
        return Boolean(marks?.visible && (!live || marks.live));
      }, waitForLive);
      return (await pageA.evaluate("window.__whysMarks")) as { visible: number; live?: number };
    };
    const editorVisible: number[] = [];
    const editorLive: number[] = [];
    const diagramVisible: number[] = [];
    for (let i = 0; i < 5; i++) {
      const editor = await timed(editorPath, true);
      editorVisible.push(editor.visible);
      editorLive.push(editor.live!);
      diagramVisible.push((await timed(diagramPath, false)).visible);
    }
    console.log(`Browser, editor: last of ${NODES} nodes rendered : ${fmt(editorVisible)}`);
    console.log(`Browser, editor: hydrated and live             : ${fmt(editorLive)}`);
    console.log(`Browser, diagram page: last node rendered      : ${fmt(diagramVisible)}`);

    // Keyboard responsiveness: time from ArrowDown to the next item having focus (measured in the page).
    await pageA.goto(editorPath);
    await pageA.getByTestId("live-status").getByText("Live", { exact: false }).waitFor();
    await pageA.locator('[role="treeitem"][tabindex="0"]').focus();
    // Scripts are passed as strings: tsx would otherwise inject its __name helper into them.
    const keyTimes = (await pageA.evaluate(`(async () => {
      const out = [];
      for (let i = 0; i < 30; i++) {
        const before = document.activeElement;
        const t0 = performance.now();
        before.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
        await new Promise((resolve) => {
          const check = () => (document.activeElement !== before ? resolve() : requestAnimationFrame(check));
          check();
        });
        out.push(performance.now() - t0);
      }
      return out;
    })()`)) as number[];
    console.log(`Browser, editor: ArrowDown → next item focused : ${fmt(keyTimes)}`);

    // Save in A (instance 1) → appears in B (instance 2), without reload.
    const pageB = await contextB.newPage();
    await pageB.goto(editorPath);
    await pageB.getByTestId("live-status").getByText("Live", { exact: false }).waitFor();
    const latencies: number[] = [];
    const ownRoundTrips: number[] = [];
    const answer = pageA.getByLabel("Answer (a cause)");
    const appears = (page: Page, text: string) =>
      page.evaluate(`new Promise((resolve) => {
        const t = ${JSON.stringify(text)};
        const found = () => document.querySelector("[role=tree]")?.textContent?.includes(t);
        if (found()) return resolve(Date.now());
        const obs = new MutationObserver(() => {
          if (found()) {
            obs.disconnect();
            resolve(Date.now());
          }
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      })`) as Promise<number>;
    for (let i = 0; i < SAVES; i++) {
      const text = `Bench save ${i} ${randomUUID().slice(0, 8)}`;
      await answer.fill(text);
      const inB = appears(pageB, text);
      const inA = appears(pageA, text);
      const t0 = Date.now();
      await answer.press("Enter");
      const [tA, tB] = await Promise.all([inA, inB]);
      ownRoundTrips.push(tA - t0);
      latencies.push(tB - t0);
      await pageA.getByLabel("Answer (a cause)").and(pageA.locator(":focus")).waitFor();
    }
    console.log(`Save → visible in the saving browser           : ${fmt(ownRoundTrips)}`);
    console.log(`Save → visible in the other browser (other app instance): ${fmt(latencies)}`);
    await contextA.close();
    await contextB.close();
  } finally {
    await browser.close();
    for (const app of apps) await app.stop();
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
