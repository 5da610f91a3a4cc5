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
import { MembersPage } from "./pages/settings-members";
import { grantPortalAccess } from "./support/share-db";
import { armContext, expectInertPage, replayInSandbox } from "./support/xss";
import { seedPayloads, xssPayloads } from "./support/xss-db";

const squash = (s: string) => s.replace(/\s+/g, "");

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
  ]) {
    await expectInertPage(page, hits, url, browser);
    sinks.push(url);
  }
  // Shown literally: the incident's title, the timeline's payloads, the author's display name.
  await page.goto(inc);
  for (const p of [fx.title, payloads[5]!, payloads[20]!])
    await expect(page.locator("main")).toContainText(p);

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
