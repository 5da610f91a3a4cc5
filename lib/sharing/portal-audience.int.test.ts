// The portal lists each report as the reader's grant shows it (issue 12): a customer grant sees
// the customer version's title (names replaced) and is never found by the internal text, an
// internal grant sees the report as published. Versions from before customerTitle existed get
// it from their snapshot.
import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { publishThroughReview } from "@/test/publish";
import { publishReport } from "./int-fixtures";
import { listPortalReports, listPortalReportsPage } from "./data";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let published: { id: string; number: number; editorName: string };
let older: { id: string; number: number };
const internalReader = "portal.internal.reader@example.test";
const customerReader = "portal.customer.reader@example.test";

beforeAll(async () => {
  t = await createTeamWithMembers("Acme");
  const editorName = t.editor.name!;
  // Published through the real workflow: publishing stores the customer title.
  const incident = await createIncident(t.team.id, t.owner.id, {
    title: `Rollback by ${editorName} failed`,
  });
  const versionId = await publishThroughReview(t, incident.id, {
    summary: `${editorName} rolled back the release; checkout recovered.`,
  });
  published = { id: versionId, number: incident.number, editorName };

  // Stored without customerTitle, as versions published before it were (the sample names Alice).
  const legacy = await createIncident(t.team.id, t.owner.id, { title: "Alice deleted the queue" });
  older = { id: (await publishReport(legacy, t.owner.id)).id, number: legacy.number };

  for (const reportVersionId of [published.id, older.id]) {
    await testDb.stakeholderGrant.createMany({
      data: [
        { reportVersionId, email: internalReader, audience: "INTERNAL" },
        { reportVersionId, email: customerReader, audience: "CUSTOMER" },
      ],
    });
  }
});

describe("the portal list in the grant's audience", () => {
  it("publishing stores the customer version's title beside the internal one", async () => {
    const v = await testDb.reportVersion.findUniqueOrThrow({ where: { id: published.id } });
    expect(v.title).toBe(`INC-${published.number}: Rollback by ${published.editorName} failed`);
    expect(v.customerTitle).toBe(`INC-${published.number}: Rollback by a responder failed`);
  });

  it("a customer grant lists the customer titles; an internal grant the report's own", async () => {
    const titles = async (email: string) =>
      Object.fromEntries(
        (await listPortalReportsPage(email, 1)).reports.map((r) => [r.versionId, r.title]),
      );
    expect(await titles(customerReader)).toEqual({
      [published.id]: `INC-${published.number}: Rollback by a responder failed`,
      // From the snapshot: no stored customer title.
      [older.id]: `INC-${older.number}: a responder deleted the queue`,
    });
    expect(await titles(internalReader)).toEqual({
      [published.id]: `INC-${published.number}: Rollback by ${published.editorName} failed`,
      [older.id]: `INC-${older.number}: Alice deleted the queue`,
    });
  });

  it("a customer grant's search matches the customer title, never a name from the internal text", async () => {
    expect((await listPortalReports(internalReader, "Alice")).map((r) => r.versionId)).toContain(
      older.id,
    );
    expect(await listPortalReports(customerReader, "Alice")).toEqual([]);
    expect(await listPortalReports(customerReader, published.editorName)).toEqual([]);
    const [hit, ...rest] = await listPortalReports(customerReader, `INC-${older.number}`);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      versionId: older.id,
      title: `INC-${older.number}: a responder deleted the queue`,
      match: null,
    });
  });
});
