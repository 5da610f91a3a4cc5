import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { listMail } from "../lib/email/mailbox";
import { startMailSink, type MailSink } from "../lib/email/sink";
import { adminQuery, withDatabaseName } from "../scripts/db/admin";
import { migrateDeploy } from "../scripts/db/migrate";
import { startOwnApp, type OwnApp } from "./support/own-postgres";

// An anonymous attacker hammering the sign-in endpoint for 10 s from one machine, rotating
// X-Forwarded-For and victims. Runs its own app (default limits, its own database and SMTP
// sink) because the shared e2e app raises the per-client limit for the rest of the suite.
test.describe("email limits", () => {
  test.describe.configure({ timeout: 180_000 });
  let app: OwnApp;
  let sink: MailSink;
  let mailDir: string;
  let databaseUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const server = process.env.DATABASE_URL!;
    const name = `hindsight_limits_${Date.now()}_${process.pid}`;
    databaseUrl = withDatabaseName(server, name);
    await adminQuery(server, `CREATE DATABASE "${name}"`);
    await migrateDeploy(databaseUrl, true);
    mailDir = mkdtempSync(path.join(tmpdir(), "hindsight-limits-mail-"));
    sink = await startMailSink({ dir: mailDir });
    app = await startOwnApp(databaseUrl, {
      SMTP_URL: sink.url,
      WORKER: undefined,
      EMAIL_LIMIT_CLIENT_BURST: undefined,
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await sink?.close();
    if (mailDir) rmSync(mailDir, { recursive: true, force: true });
    if (databaseUrl)
      await adminQuery(
        databaseUrl,
        `DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`,
      );
  });

  test("an anonymous attacker gets at most 10 sign-in emails out in 10 s, however they rotate X-Forwarded-For", async ({
    playwright,
  }) => {
    const api = await playwright.request.newContext({ baseURL: app.baseUrl });
    const csrf = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const started = Date.now();
    let requests = 0;
    const fire = async (worker: number) => {
      for (let i = 0; Date.now() - started < 10_000; i++) {
        requests += 1;
        const email = i % 2 === 0 ? "victim@example.test" : `victim${worker}-${i}@example.test`;
        await api.post("/api/auth/signin/nodemailer", {
          form: { email, csrfToken: csrf.csrfToken, callbackUrl: "/" },
          headers: {
            "x-forwarded-for": `203.0.113.${(worker * 50 + i) % 250}`,
            "x-real-ip": `198.51.100.${i % 250}`,
          },
          maxRedirects: 0,
        });
      }
    };
    await Promise.all([0, 1, 2, 3].map(fire));
    // Whatever was accepted is delivered within seconds; wait for the queue to drain.
    await new Promise((r) => setTimeout(r, 5_000));
    const mails = listMail(mailDir).filter((m) => /Sign in to Hindsight/.test(m.subject));
    console.log(
      `[limits] ${requests} sign-in requests in 10 s from one client → ${mails.length} emails sent (${mails.filter((m) => m.to.includes("victim@example.test")).length} to the repeated victim)`,
    );
    expect(requests).toBeGreaterThan(20);
    expect(mails.length).toBeLessThanOrEqual(10);
    expect(mails.filter((m) => m.to.includes("victim@example.test")).length).toBeLessThanOrEqual(5);
    await api.dispose();
  });

  test("the sign-in form says when to try again, on the email field", async ({ page }) => {
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel("Work email").fill("victim@example.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText(/Try again in \d+ minutes?\./).first()).toBeVisible();
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  });
});
