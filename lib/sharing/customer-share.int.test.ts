// The customer version end to end below the browser: a report published through the real
// workflow (names in structured fields and free text, an internal section), shared as the
// customer version; the link, the portal and the queued email show the customer version and
// name no one, while an internal share of the same version still does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import type { OutgoingMail } from "@/lib/email/types";
import { env } from "@/lib/env";
import { unseal } from "@/lib/jobs/seal";
import { stopSender } from "@/lib/jobs/sender";
import { customerLeaks } from "@/lib/reports/customer";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
} from "@/lib/reports/actions";
import { ensureReport } from "@/lib/reports/mutations";
import { findPortalVersionHtml, publishedReaderHtml } from "@/lib/reports/published-html";
import { fullTemplateSections } from "@/lib/reports/sections";
import { SNAPSHOT_SCHEMA } from "@/lib/reports/snapshot";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { uploadTeamLogoAction } from "@/lib/teams/actions";
import { shareReportAction } from "./actions";
import { generateShareToken } from "./tokens";
import { openShareLink } from "./view";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";

const ok = { ok: true } as const;
const multi = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;
let versionId: string;

async function queuedMailTo(email: string): Promise<OutgoingMail[]> {
  const rows = await testDb.$queryRawUnsafe<{ data: { sealed: string } }[]>(
    `SELECT data FROM pgboss.job WHERE name = 'email'`,
  );
  return rows
    .map((r) => unseal<OutgoingMail>(r.data.sealed, env().AUTH_SECRET))
    .filter((m) => m.to === email);
}

/** A share's token is never stored: give the link a known one, as a recipient's email holds it. */
async function tokenFor(email: string) {
  const { token, tokenHash } = generateShareToken();
  await testDb.shareLink.updateMany({
    where: { recipientEmail: email, reportVersionId: versionId },
    data: { tokenHash },
  });
  return token;
}

beforeAll(async () => {
  t = await createTeamWithMembers("Customer Share");
  await testDb.user.update({ where: { id: t.owner.id }, data: { name: "Dana Whitfield" } });
  await testDb.user.update({ where: { id: t.editor.id }, data: { name: "Alice Moreau" } });
  await testDb.reportTemplate.create({
    data: {
      teamId: t.team.id,
      name: "With internal",
      isDefault: true,
      sections: fullTemplateSections().map((s) =>
        s.key === "improve" ? { ...s, internal: true } : s,
      ),
    },
  });
  const incident = await createIncident(t.team.id, t.owner.id, {
    title: "Checkout errors",
    customerImpact: "Checkouts failed.",
  });
  incidentId = incident.id;
  await testDb.incident.update({ where: { id: incidentId }, data: { commanderId: t.owner.id } });
  await testDb.timelineEvent.createMany({
    data: [
      {
        incidentId,
        occurredAt: new Date("2026-01-10T14:05:00Z"),
        kind: "ACTION",
        body: "Alice Moreau rolled back the deploy",
        author: "Alice Moreau",
        isKey: true,
      },
      {
        incidentId,
        occurredAt: new Date("2026-01-10T14:10:00Z"),
        kind: "NOTE",
        body: "Ask legal before telling anyone",
        author: "Dana Whitfield",
        isKey: true,
      },
    ],
  });
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId,
      title: "Add pool validation",
      ownerId: t.editor.id,
      trackerUrl: "https://jira.internal.example/OPS-1",
    },
  });
  // The owner's logo heads what is published from now on.
  signInAs(t.owner.id, t.team.id);
  const logo = new FormData();
  logo.append("logo", new File([new Uint8Array(PNG_1x1)], "logo.png", { type: "image/png" }));
  expect(await uploadTeamLogoAction({ ok: true }, logo)).toMatchObject(ok);
  await ensureReport(mintTeamScope(t.team.id), incidentId);
  signInAs(t.editor.id, t.team.id);
  const report = await testDb.report.findUniqueOrThrow({ where: { incidentId } });
  expect(
    await saveNarrativeAction(incidentId, {
      baseVersion: report.version,
      changes: {
        summary:
          "Dana Whitfield declared the incident; mail dana.w@example.test for details. Alice rolled back within minutes.",
        wentWell: "Alice Moreau's rollback was quick (internal praise).",
        customerSummary:
          "Some checkouts failed for 20 minutes. We are adding validation so it cannot recur.",
      },
      baseline: {},
    }),
  ).toMatchObject(ok);
  expect(
    await requestReviewAction(
      incidentId,
      ok,
      multi({
        baseVersion: String(
          (await testDb.report.findUniqueOrThrow({ where: { incidentId } })).version,
        ),
        reviewerIds: [t.owner.id],
        confirmEmpty: CONFIRM_ALL_EMPTY,
      }),
    ),
  ).toMatchObject(ok);
  signInAs(t.owner.id, t.team.id);
  expect(
    await decideReviewAction(
      incidentId,
      ok,
      multi({ decision: "APPROVED", sectionKey: "general", body: "" }),
    ),
  ).toMatchObject(ok);
  expect(
    await publishReportAction(
      incidentId,
      ok,
      multi({
        baseVersion: String(
          (await testDb.report.findUniqueOrThrow({ where: { incidentId } })).version,
        ),
      }),
    ),
  ).toMatchObject(ok);
  versionId = (await testDb.reportVersion.findFirstOrThrow({ where: { report: { incidentId } } }))
    .id;
});

afterAll(async () => {
  signInAs(null);
  await stopSender();
});

describe("publishing stores the customer version", () => {
  it("freezes a schema-3 snapshot with the team, the customer summary and the members, and renders the customer HTML once", async () => {
    const v = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });
    const snap = parseSnapshot(v.snapshot);
    expect(snap.schema).toBe(SNAPSHOT_SCHEMA);
    expect(snap.team.name).toBe("Customer Share");
    const { logoId } = await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } });
    expect(snap.team.logoId).toBe(logoId);
    for (const html of [v.customerHtml, v.stakeholderHtml, v.teamHtml])
      expect(html).toContain(`<img src="/api/logos/${logoId}" alt="Customer Share logo"`);
    expect(snap.customerSummary).toMatch(/^Some checkouts failed/);
    expect(snap.sections.find((s) => s.key === "improve")?.internal).toBe(true);
    expect(snap.internal?.members).toEqual(
      expect.arrayContaining(["Dana Whitfield", "Alice Moreau"]),
    );
    expect(v.customerHtml).toContain("Some checkouts failed for 20 minutes.");
    expect(customerLeaks(snap, text(v.customerHtml!))).toEqual([]);
    expect(v.teamHtml).toContain("Alice Moreau");
  });
});

describe("sharing the customer version", () => {
  it("sends a link, an email and portal access that show the customer version and name no one", async () => {
    signInAs(t.editor.id, t.team.id);
    const result = await shareReportAction(
      incidentId,
      ok,
      form({
        recipients: "buyer@customer.example",
        days: "7",
        mode: "ANYONE_WITH_LINK",
        audience: "CUSTOMER",
        message: "Hi, Alice Moreau here. Dana will follow up.",
      }),
    );
    expect(result).toMatchObject(ok);
    const link = await testDb.shareLink.findFirstOrThrow({
      where: { recipientEmail: "buyer@customer.example" },
    });
    expect(link.audience).toBe("CUSTOMER");
    const snap = parseSnapshot(
      (await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } })).snapshot,
    );

    const access = await openShareLink(await tokenFor("buyer@customer.example"), {
      client: `c-${Date.now()}`,
      now: new Date(),
    });
    expect(access.kind).toBe("ok");
    const page = text(access.kind === "ok" ? access.html : "");
    expect(page).toContain("Incident report · Customer Share");
    expect(page).toContain("Some checkouts failed for 20 minutes.");
    expect(page).toContain("A responder rolled back the deploy — Responder");
    expect(page).toContain("A responder rolled back within minutes.");
    expect(page).not.toContain("internal praise");
    expect(page).not.toContain("Ask legal");
    expect(page).not.toContain("jira.internal");
    expect(customerLeaks(snap, page)).toEqual([]);

    const [mail] = await queuedMailTo("buyer@customer.example");
    expect(mail.text).toContain("Customer Share shared an incident report with you.");
    expect(mail.html).toContain(
      `src="${env().APP_URL.replace(/\/$/, "")}/api/logos/${snap.team.logoId}"`,
    );
    expect(mail.text).toContain("Some checkouts failed for 20 minutes.");
    expect(mail.text).toContain("Hi, a responder here. The incident commander will follow up.");
    expect(customerLeaks(snap, `${mail.subject} ${mail.text} ${text(mail.html ?? "")}`)).toEqual(
      [],
    );

    const portal = await findPortalVersionHtml("buyer@customer.example", versionId);
    expect(portal?.variant).toBe("customer");
    expect(portal && (await publishedReaderHtml(portal, portal.variant))?.html).toBe(
      access.kind === "ok" ? access.html : null,
    );
  });

  it("keeps the internal report for an internal share of the same version, and the portal follows the latest share", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(
      await shareReportAction(
        incidentId,
        ok,
        form({
          recipients: "vp@example.test",
          days: "7",
          mode: "ANYONE_WITH_LINK",
          audience: "INTERNAL",
        }),
      ),
    ).toMatchObject(ok);
    const access = await openShareLink(await tokenFor("vp@example.test"), {
      client: `c-${Date.now()}`,
      now: new Date(),
    });
    const page = text(access.kind === "ok" ? access.html : "");
    expect(page).toContain("Alice Moreau rolled back the deploy");
    expect(page).toContain("internal praise");
    const [mail] = await queuedMailTo("vp@example.test");
    expect(mail.text).toContain("Alice Moreau shared an incident report with you.");

    // The customer is re-shared the internal report by mistake, then the customer version again.
    for (const audience of ["INTERNAL", "CUSTOMER"]) {
      expect(
        await shareReportAction(
          incidentId,
          ok,
          form({
            recipients: "buyer@customer.example",
            days: "7",
            mode: "ANYONE_WITH_LINK",
            audience,
          }),
        ),
      ).toMatchObject(ok);
      expect((await findPortalVersionHtml("buyer@customer.example", versionId))?.variant).toBe(
        audience === "CUSTOMER" ? "customer" : "stakeholder",
      );
    }
  });

  it("refuses an unknown audience with a field message and saves nothing", async () => {
    signInAs(t.editor.id, t.team.id);
    const before = await testDb.shareLink.count();
    const result = await shareReportAction(
      incidentId,
      ok,
      form({
        recipients: "x@example.test",
        days: "7",
        mode: "ANYONE_WITH_LINK",
        audience: "PRESS",
      }),
    );
    expect(!result.ok && result.fieldErrors?.audience).toEqual([
      "Choose the internal report or the customer version.",
    ]);
    expect(await testDb.shareLink.count()).toBe(before);
  });
});
