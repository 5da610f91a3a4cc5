// Issue 14, "hostile input": the committed XSS corpus (lib/security/fixtures/xss-payloads.txt) in
// every text field, checked inert in every sink the app renders: team pages, the shared view
// (/r/<token>), the portal, the print view and its PDF text, the share and invitation emails
// (from the SMTP sink) and the Markdown and JSON exports. Inert: no payload runs (window.__xss
// and dialogs counted on armed pages), no dangerous DOM, also when the page's DOM or an email is
// replayed without any Content-Security-Policy; in text sinks the payload appears literally.
import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { linkIn, waitForMail } from "./support/mail";
import { pdfPages } from "./support/pdf";
import { ReportEditorPage } from "./pages/report-editor";
import { MembersPage } from "./pages/settings-members";
import { addMember, closeReportDb, seedIncident, teamOf } from "./support/report-db";
import { grantPortalAccess } from "./support/share-db";
import { armContext, expectInertPage, replayInSandbox } from "./support/xss";
import { seedPayloads, xssPayloads } from "./support/xss-db";

const squash = (s: string) => s.replace(/\s+/g, "");

test.afterAll(async () => {
  await closeReportDb();
});

test("every XSS payload in every text field is inert in every sink", async ({ browser }) => {
  // About 2.5 minutes on a loaded 2-core machine (19 pages, each also replayed without its CSP).
  test.setTimeout(300_000);
  const payloads = xssPayloads();
  expect(payloads.length).toBeGreaterThanOrEqual(25);
  const sinks: string[] = [];

  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" },
  });
  const hits = await armContext(context);
  const page = await context.newPage();

  // Through the UI: the team name (the header shows it literally).
  const owner = uniqueEmail("xss.owner");
  await signUpWithTeam(page, owner, payloads[0]!);
  const fx = await seedPayloads(owner);
  const inc = `/incidents/${fx.incidentId}`;

  // Team pages.
  for (const url of [
    "/",
    "/incidents",
    inc,
    `${inc}/edit`,
    `${inc}/history`,
    `${inc}/whys`,
    `${inc}/whys/diagram`,
    `${inc}/actions`,
    `${inc}/report`,
    `${inc}/report/versions/1`,
    "/actions",
    "/search?q=xss",
    "/insights",
    "/settings",
    "/settings/members",
    "/settings/alerts",
    "/settings/api-tokens",
    "/settings/chat",
    "/settings/notifications",
    "/settings/sharing",
    "/settings/templates",
    `/chat/link/${fx.chatLinkToken}`,
  ]) {
    await expectInertPage(page, hits, url, browser);
    sinks.push(url);
  }
  // Shown literally: the incident's title, the timeline's payloads, the author's display name.
  await page.goto(inc);
  for (const p of [fx.title, payloads[5]!, payloads[20]!])
    await expect(page.locator("main")).toContainText(p);
  // The names owners typed in settings, and review comments, shown literally.
  for (const [url, p] of [
    ["/settings/api-tokens", payloads[2]!],
    ["/settings/alerts", payloads[4]!],
    ["/settings/notifications", payloads[6]!],
    ["/settings/templates", payloads[3]!],
    ["/settings/chat", payloads[11]!],
    [`/chat/link/${fx.chatLinkToken}`, payloads[7]!],
    [`${inc}/report`, payloads[8]!],
  ] as const) {
    await page.goto(url);
    await expect(page.locator("main")).toContainText(p.slice(0, 80).trim());
  }

  // Through the UI: the share note, and an invitation (team name and inviter's display name).
  const reader = uniqueEmail("xss.reader");
  const since = new Date(Date.now() - 1000);
  await page.goto(`${inc}/report/share`);
  await page.getByLabel("Email addresses").fill(reader);
  const note = payloads.slice(0, 25).join("\n").slice(0, 2000);
  await page.getByLabel("Message (optional)").fill(note);
  await page.getByLabel("Anyone with the link").check();
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(page.getByText(`Shared with ${reader}. The email is on its way.`)).toBeVisible();
  const shareMail = await waitForMail(reader, /Incident report/, since);
  const invitee = uniqueEmail("xss.invitee");
  const members = new MembersPage(page);
  await members.goto();
  await members.invite(invitee, "Viewer (read only)");
  const inviteMail = await waitForMail(invitee, /on Hindsight/, since);
  for (const [name, mail, expected] of [
    ["share email", shareMail, [fx.title, payloads[3]!, payloads[24]!]],
    ["invitation email", inviteMail, [payloads[0]!, payloads[1]!]],
  ] as const) {
    const replay = await replayInSandbox(browser, mail.html ?? "");
    expect({ name, replay }).toEqual({ name, replay: { hits: [], dom: [] } });
    for (const p of expected) expect(`${mail.subject}\n${mail.text}`, name).toContain(p);
    sinks.push(name);
  }

  // The shared view, as the recipient opens it (no session).
  const readerContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.78" },
  });
  const readerHits = await armContext(readerContext);
  const readerPage = await readerContext.newPage();
  await expectInertPage(readerPage, readerHits, linkIn(shareMail, "/r/"), browser);
  await expect(readerPage.locator("main")).toContainText(fx.title);
  sinks.push("/r/<token>");
  await readerContext.close();

  // The portal, as a stakeholder with access.
  const stakeholder = uniqueEmail("xss.vp");
  await grantPortalAccess(fx.versionId, stakeholder);
  const portalContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.79" },
  });
  const portalHits = await armContext(portalContext);
  const portal = await portalContext.newPage();
  await signIn(portal, stakeholder, "/portal");
  for (const url of ["/portal", `/portal/reports/${fx.versionId}`]) {
    await expectInertPage(portal, portalHits, url, browser);
    sinks.push(url);
  }
  await portalContext.close();

  // Print view and its PDF text.
  await expectInertPage(page, hits, `/print/reports/${fx.versionId}`, browser);
  sinks.push("print");
  const pdf = squash(pdfPages(await page.pdf({ format: "A4" })).join(" "));
  for (const p of [fx.title, payloads[10]!, payloads[30]!]) expect(pdf).toContain(squash(p));
  sinks.push("PDF text");

  // Exports: served as downloads, never as HTML; the payloads are there as text.
  const json = await page.request.get(`/api/reports/${fx.versionId}/json`);
  expect(json.headers()["content-type"]).toContain("application/json");
  const strings = JSON.stringify(await json.json());
  for (const p of payloads) expect(strings).toContain(JSON.stringify(p).slice(1, -1));
  sinks.push("JSON export");
  const md = await page.request.get(`/api/reports/${fx.versionId}/markdown`);
  expect(md.headers()["content-type"]).not.toContain("html");
  expect(md.headers()["content-disposition"]).toContain("attachment");
  const markdown = await md.text();
  for (const p of [fx.title, payloads[7]!, payloads[12]!]) expect(markdown).toContain(p);
  sinks.push("Markdown export");

  expect(hits.list).toEqual([]);
  test.info().annotations.push({
    type: "xss",
    description: `${payloads.length} payloads × ${sinks.length} sinks: ${sinks.join(", ")}`,
  });
  await context.close();
});

test("the review-request email and the reviewer's view are inert with payloads in names, title and text", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const payloads = xssPayloads();
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.80" },
  });
  const hits = await armContext(context);
  const page = await context.newPage();
  const owner = uniqueEmail("xss.author");
  await signUpWithTeam(page, owner, payloads[9]!);
  const { teamId, userId } = await teamOf(owner);
  const reviewerEmail = uniqueEmail("xss.reviewer");
  // The reviewer's display name is a payload too: the author picks it from the list.
  await addMember(teamId, reviewerEmail, payloads[1]!, "EDITOR");
  const title = payloads[0]!.slice(0, 80);
  const incident = await seedIncident(teamId, userId, title);

  await page.goto(`/incidents/${incident.incidentId}/report`);
  await page.getByRole("textbox", { name: "Summary", exact: true }).fill(payloads.join("\n"));
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", {
    timeout: 15_000,
  });
  const since = new Date(Date.now() - 1000);
  const form = page.getByRole("form", { name: "Request review" });
  // The reviewer's box (its label is the payload of their name), and the confirmation that the
  // other sections are still empty.
  await form.getByLabel(payloads[1]!).check();
  await new ReportEditorPage(page, incident.incidentId).confirmEmpty().check();
  await form.getByRole("button", { name: "Request review" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("In review", { timeout: 30_000 });
  await expectInertPage(page, hits, `/incidents/${incident.incidentId}/report`, browser);

  const mail = await waitForMail(reviewerEmail, /Review requested/, since);
  const replay = await replayInSandbox(browser, mail.html ?? "");
  expect(replay).toEqual({ hits: [], dom: [] });
  expect(`${mail.subject}\n${mail.text}`).toContain(title);

  // The reviewer opens the report from the email: the author's text and names stay inert.
  const reviewerContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.81" },
  });
  const reviewerHits = await armContext(reviewerContext);
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, reviewerEmail);
  await expectInertPage(
    reviewer,
    reviewerHits,
    new URL(linkIn(mail, "/incidents/")).pathname,
    browser,
  );
  await expect(reviewer.getByRole("form", { name: "Your review" })).toBeVisible();
  expect([...hits.list, ...reviewerHits.list]).toEqual([]);
  await reviewerContext.close();
  await context.close();
});
