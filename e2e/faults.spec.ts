import { expect, test } from "@playwright/test";
import { startBalancer, type Balancer } from "./support/balancer";
import {
  createInstance,
  createWorker,
  freePort,
  layoutStandalone,
  type Instance,
  type Worker,
} from "./support/cluster";
import {
  csrfFrom,
  emailJobStates,
  requestSignInLink,
  seedMember,
  type Csrf,
  type Member,
} from "./support/faults-client";
import { startOwnPostgres, type OwnPostgres } from "./support/own-postgres";
import { startSmtpGate, type SmtpGate } from "./support/smtp-gate";
import { WhysPage } from "./pages/whys-page";

// Hindsight as a deployment runs it: two web instances from the standalone build the container
// image runs, standalone email workers, one PostgreSQL (this spec's own, so it may stop and
// freeze it), and a round-robin load balancer on loopback. Figures are printed with [faults].
test.describe.configure({ mode: "serial", timeout: 240_000 });

const SECRET = "faults-secret-not-for-production-0123456789";
let database: OwnPostgres;
let smtp: SmtpGate;
let layout: { dir: string; remove(): void };
let a: Instance;
let b: Instance;
let balancer: Balancer;
let worker: Worker;
let member: Member;
let workers = 0;

const since = (t: number) => Date.now() - t;
const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const status = (url: string, init: RequestInit = {}) =>
  fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000), ...init }).then(
    async (r) => (await r.arrayBuffer(), r.status),
    () => 0,
  );

function newWorker() {
  workers += 1;
  return createWorker(`worker${workers}`, {
    DATABASE_URL: database.url,
    AUTH_SECRET: SECRET,
    APP_URL: balancer.url,
    SMTP_URL: smtp.url,
    // One fetch loop: a batch is a batch; lost attempts are retried after 5 s (default 60 s),
    // looked for every second (default 30 s), so a take-over fits in a test.
    WORKER_CONCURRENCY: "1",
    EMAIL_ATTEMPT_TIMEOUT_SECONDS: "5",
    QUEUE_MAINTENANCE_SECONDS: "1",
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const started = Date.now();
  layout = layoutStandalone();
  database = await startOwnPostgres("faults");
  smtp = await startSmtpGate();
  member = await seedMember(database.url, "faults");
  const env = (lb: string) => ({
    DATABASE_URL: database.url,
    AUTH_SECRET: SECRET,
    APP_URL: lb,
    AUTH_URL: lb,
    AUTH_TRUST_HOST: "true",
    SMTP_URL: smtp.url,
    EMAIL_ATTEMPT_TIMEOUT_SECONDS: "5",
    // Every request here comes from 127.0.0.1; the per-recipient limit is the one under test.
    EMAIL_LIMIT_CLIENT_BURST: "100000",
  });
  // The balancer needs the instances' ports and the instances need its address (APP_URL):
  // ports first, then the balancer, then the processes.
  const ports = { a: await freePort(), b: await freePort() };
  balancer = await startBalancer([
    { name: "a", port: ports.a },
    { name: "b", port: ports.b },
  ]);
  a = createInstance("a", layout.dir, ports.a, env(balancer.url));
  b = createInstance("b", layout.dir, ports.b, env(balancer.url));
  await Promise.all([a.start(), b.start()]);
  worker = newWorker();
  await worker.start();
  console.log(
    `[faults] two standalone instances, a worker and PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

test.afterAll(async () => {
  await Promise.all([a?.stop("SIGKILL"), b?.stop("SIGKILL"), worker?.stop("SIGKILL")]);
  await balancer?.close();
  await smtp?.close();
  await database?.stop();
  layout?.remove();
});

test("a 5 Whys edit made through instance B appears live on instance A", async ({ browser }) => {
  const context = (instance: Instance) =>
    browser.newContext({ baseURL: instance.url }).then(async (c) => {
      await c.addCookies([
        { name: "authjs.session-token", value: member.sessionToken, url: instance.url },
      ]);
      return c;
    });
  const [onA, onB] = await Promise.all([context(a), context(b)]);
  try {
    const watcher = new WhysPage(await onA.newPage());
    const editor = new WhysPage(await onB.newPage());
    await watcher.goto(member.incidentId);
    await editor.goto(member.incidentId);
    await expect(watcher.page.getByText("No causes yet.")).toBeVisible();

    await editor.answer.fill("Connection pool exhausted on instance B");
    await editor.answer.press("Enter");
    await expect(editor.item("Connection pool exhausted on instance B")).toBeVisible();
    const shown = Date.now();
    await expect(watcher.item("Connection pool exhausted on instance B")).toBeVisible();
    console.log(`[faults] live 5 Whys: edit on B shown on A ${since(shown)} ms after B showed it`);
  } finally {
    await Promise.all([onA.close(), onB.close()]);
  }
});

test("the per-address email limit counts the same across instances as on one", async () => {
  const csrf = await csrfFrom(a.url);
  const oneInstance: string[] = [];
  const alternating: string[] = [];
  for (let i = 0; i < 8; i++)
    oneInstance.push(await requestSignInLink(a.url, "limit.single@example.test", csrf));
  for (let i = 0; i < 8; i++)
    alternating.push(
      await requestSignInLink(i % 2 === 0 ? a.url : b.url, "limit.spread@example.test", csrf),
    );
  const sent = (outcomes: string[]) => outcomes.filter((o) => o === "sent").length;
  console.log(
    `[faults] sign-in links for one address, 8 requests: ${sent(oneInstance)} sent via one instance, ${sent(alternating)} sent alternating A/B`,
  );
  expect(oneInstance).toEqual([
    "sent",
    "sent",
    "sent",
    "sent",
    "sent",
    "limited",
    "limited",
    "limited",
  ]);
  expect(alternating).toEqual(oneInstance);
  // And exactly that many emails arrive, once the queue is empty.
  await until(
    "the limited emails to be delivered",
    () =>
      smtp.count("limit.spread@example.test") >= 5 && smtp.count("limit.single@example.test") >= 5,
  );
  await until("an empty queue", async () => {
    const s = await emailJobStates(database.url);
    return !s.created && !s.active && !s.retry;
  });
  expect([
    smtp.count("limit.single@example.test"),
    smtp.count("limit.spread@example.test"),
  ]).toEqual([5, 5]);
});

test("an email queued once is delivered exactly once when its worker is killed mid-batch", async () => {
  // Queue a batch while no worker runs, so the next worker fetches it whole.
  await worker.stop("SIGTERM");
  const csrf = await csrfFrom(balancer.url);
  const addresses = Array.from({ length: 12 }, (_, i) => `batch${i}@example.test`);
  for (const to of addresses) expect(await requestSignInLink(balancer.url, to, csrf)).toBe("sent");

  // Four are accepted, then the SMTP server keeps the next ones waiting for their answer. The
  // kill comes once those four are recorded as sent, while the next ones are unanswered: so it
  // lands before acceptance (those are sent again, once) or after the record (never again),
  // never between an SMTP server's acceptance and the record. That window (milliseconds per
  // message) is the one no SMTP client can close: a kill there sends the message again after
  // the attempt's lease, once, for share emails with the same Message-ID
  // (lib/jobs/email-send.int.test.ts "a crash after SMTP accepted"; docs/decisions.md, "Share
  // emails"). These are sign-in emails, which have no send record: a repeat in that window would
  // be another copy of the same link.
  const completedBefore = (await emailJobStates(database.url)).completed ?? 0;
  smtp.holdAfter(4);
  const doomed = newWorker();
  await doomed.start();
  await until(
    "four deliveries and one held",
    () => smtp.delivered.filter((d) => addresses.includes(d.to)).length === 4 && smtp.held() >= 1,
  );
  await until(
    "the four to be recorded as sent",
    async () => ((await emailJobStates(database.url)).completed ?? 0) === completedBefore + 4,
    10_000,
  );
  const killedAt = Date.now();
  await doomed.stop("SIGKILL");
  await until("the unanswered messages to be dropped", () => smtp.held() === 0, 15_000);
  const dropped = smtp.dropped();
  smtp.release();

  worker = newWorker();
  await worker.start();
  await until(
    "every address to get its email",
    () => addresses.every((to) => smtp.count(to) >= 1),
    60_000,
  );
  const takeover = since(killedAt);
  // Time for any duplicate to show up (the retry back-off is 2–4 s).
  await until("an empty queue", async () => {
    const s = await emailJobStates(database.url);
    return !s.created && !s.active && !s.retry;
  });
  await new Promise((r) => setTimeout(r, 4_000));
  const counts = addresses.map((to) => smtp.count(to));
  console.log(
    `[faults] worker killed mid-batch (4 of 12 accepted, ${dropped} unanswered dropped): all 12 delivered ${(takeover / 1000).toFixed(1)} s after the kill; deliveries per address: ${counts.join(",")}`,
  );
  expect(counts).toEqual(addresses.map(() => 1));
  expect(await emailJobStates(database.url)).not.toHaveProperty("failed");
});

async function outage(
  kind: "stopped" | "frozen",
  begin: () => Promise<void> | void,
  end: () => Promise<void> | void,
) {
  const page = () =>
    status(`${balancer.url}/incidents/${member.incidentId}`, {
      headers: { cookie: member.cookie, accept: "text/html" },
    });
  expect(await page()).toBe(200);
  await begin();
  const began = Date.now();
  const answers = await Promise.all(
    [a, b].map(async (instance) => {
      const sent = Date.now();
      const health = await fetch(`${instance.url}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      return {
        name: instance.name,
        status: health.status,
        ms: Date.now() - sent,
        afterOutage: Date.now() - began,
      };
    }),
  );
  const live = await Promise.all([a, b].map((i) => status(`${i.url}/api/live`)));
  const pageDuring = await page();
  await end();
  const returned = Date.now();
  const recovered = await Promise.all(
    [a, b].map(async (instance) => {
      await until(
        `${instance.name} to recover`,
        async () => (await status(`${instance.url}/api/health`)) === 200,
        60_000,
      );
      return since(returned);
    }),
  );
  await until("pages to be served again", async () => (await page()) === 200, 30_000);
  console.log(
    `[faults] database ${kind}: /api/health ${answers.map((x) => `${x.name} ${x.status} in ${x.ms} ms`).join(", ")}; recovered without restart ${answers.map((x, i) => `${x.name} ${recovered[i]} ms`).join(", ")} after the database returned`,
  );
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(2_000);
  }
  expect(live).toEqual([200, 200]);
  expect(pageDuring).toBe(503);
}

test("with the database stopped and then frozen, every instance answers 503 within 2 s and recovers alone", async () => {
  await outage(
    "stopped",
    () => database.halt(),
    () => database.resume(),
  );
  await outage(
    "frozen",
    () => database.freeze(),
    () => database.thaw(),
  );
  // The queue recovered too: an email requested now is delivered.
  const csrf = await csrfFrom(balancer.url);
  expect(await requestSignInLink(balancer.url, "after.outage@example.test", csrf)).toBe("sent");
  await until(
    "the email after the outage",
    () => smtp.count("after.outage@example.test") === 1,
    60_000,
  );
  for (const instance of [a, b]) expect(await status(`${instance.url}/api/ready`)).toBe(200);
});

test("a rolling restart under load loses no request and no queued email", async () => {
  const csrf: Csrf = await csrfFrom(balancer.url);
  const pagePath = `/incidents/${member.incidentId}`;
  const jsonPath = `/api/incidents/${member.incidentId}/whys`;
  let stop = false;
  let sent = 0;
  let slowest = 0;
  const failures: string[] = [];
  const queued: string[] = [];
  // A browser's patience, not a test's: a slow answer (a restarted instance warming up on a
  // busy machine) is slow, not lost. Anything but the expected answer counts as a failure.
  const patience = 60_000;
  const loop = async (lane: number) => {
    for (let i = 0; !stop; i++) {
      sent += 1;
      const kind = i % 5;
      const started = Date.now();
      try {
        if (kind === 4) {
          const to = `roll${lane}-${i}@example.test`;
          const outcome = await requestSignInLink(balancer.url, to, csrf, patience);
          if (outcome === "sent") queued.push(to);
          else failures.push(`sign-in ${outcome}`);
        } else {
          const path = kind % 2 === 0 ? pagePath : jsonPath;
          const response = await fetch(`${balancer.url}${path}`, {
            headers: {
              cookie: member.cookie,
              accept: kind % 2 === 0 ? "text/html" : "application/json",
            },
            redirect: "manual",
            signal: AbortSignal.timeout(patience),
          });
          await response.arrayBuffer();
          if (response.status !== 200)
            failures.push(`${path} ${response.status} from ${response.headers.get("x-upstream")}`);
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        failures.push(
          `${kind === 4 ? "sign-in" : "GET"} failed after ${since(started)} ms: ${String(error)}${cause ? ` (${cause.code ?? cause.message})` : ""}`,
        );
      }
      slowest = Math.max(slowest, since(started));
    }
  };
  const lanes = [0, 1, 2, 3, 4, 5].map(loop);
  const steps: string[] = [];
  await new Promise((r) => setTimeout(r, 2_000));
  for (const instance of [a, b]) {
    // As an orchestrator does: out of the balancer and SIGTERM at once; what it is serving
    // at that moment must still be answered.
    await balancer.drain(instance.name, 0);
    const inFlight = balancer.inflight(instance.name);
    const exit = await instance.stop("SIGTERM");
    const restarted = Date.now();
    await instance.start();
    await until(
      `${instance.name} to be ready`,
      async () => (await status(`${instance.url}/api/ready`)) === 200,
      60_000,
    );
    balancer.enable(instance.name);
    steps.push(
      `${instance.name}: ${inFlight} in flight at SIGTERM, exit ${exit.code ?? exit.signal} after ${exit.ms} ms, ready again in ${since(restarted)} ms`,
    );
    await new Promise((r) => setTimeout(r, 1_000));
  }
  // The worker too, while it holds a delivery the SMTP server has not answered yet: SIGTERM lets
  // it finish that one (nothing dropped, a clean exit); the next worker takes the rest.
  smtp.holdAfter(0);
  await until("a delivery in flight", () => smtp.held() >= 1);
  const droppedBefore = smtp.dropped();
  const stopping = worker.stop("SIGTERM");
  setTimeout(() => smtp.release(), 1_000);
  const workerExit = await stopping;
  worker = newWorker();
  await worker.start();
  steps.push(
    `worker: held delivery finished, exit ${workerExit.code ?? workerExit.signal} after ${workerExit.ms} ms`,
  );
  expect(workerExit.code).toBe(0);
  expect(smtp.dropped()).toBe(droppedBefore);
  await new Promise((r) => setTimeout(r, 1_000));
  stop = true;
  await Promise.all(lanes);

  await until(
    "every queued email to be delivered",
    () => queued.every((to) => smtp.count(to) >= 1),
    60_000,
  );
  await until("an empty queue", async () => {
    const s = await emailJobStates(database.url);
    return !s.created && !s.active && !s.retry;
  });
  const duplicates = queued.filter((to) => smtp.count(to) > 1);
  console.log(
    `[faults] rolling restart: ${sent} requests sent through the balancer, ${failures.length} failed; ${queued.length} emails queued, ${queued.filter((to) => smtp.count(to) === 1).length} delivered exactly once; served ${JSON.stringify(balancer.served())}`,
  );
  for (const step of steps) console.log(`[faults]   ${step}`);
  console.log(`[faults]   slowest answer ${slowest} ms`);
  if (failures.length)
    console.log(
      `[faults]   failures: ${failures.slice(0, 10).join("; ")}; balancer: ${balancer.errors().join("; ")}`,
    );
  expect(failures).toEqual([]);
  expect(duplicates).toEqual([]);
  expect(queued.length).toBeGreaterThan(5);
});
