// Search against real PostgreSQL: generated tsvector columns, GIN and trigram indexes,
// websearch syntax, ranking, highlighting, filters, team and portal isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { publishReport as publishFixture } from "@/lib/sharing/int-fixtures";
import { listPortalReports } from "@/lib/sharing/data";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { searchSharedReports, searchTeam, type SearchHit } from "./data";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, splitHighlights } from "./highlight";
import { SEARCH_WINDOW, searchParamsSchema } from "./schema";

const params = (over: Record<string, unknown>) => searchParamsSchema.parse(over);
const highlighted = (hit: SearchHit) =>
  splitHighlights(hit.snippet)
    .filter((p) => p.hit)
    .map((p) => p.text.toLowerCase());

let a: Awaited<ReturnType<typeof createTeamWithMembers>>;
let b: Awaited<ReturnType<typeof createTeamWithMembers>>;
let pool: { id: string };
let dns: { id: string };
let rootCause: { id: string };
let event: { id: string };
let action: { id: string };

beforeAll(async () => {
  a = await createTeamWithMembers("Search A");
  b = await createTeamWithMembers("Search B");
  pool = await createIncident(a.team.id, a.owner.id, {
    title: "Database connection pool exhausted",
  });
  await testDb.incident.update({
    where: { id: pool.id },
    data: {
      summary: "Checkout timed out while the pool was full.",
      services: ["checkout", "postgres"],
      severity: "SEV1",
    },
  });
  dns = await createIncident(a.team.id, a.owner.id, {
    title: "DNS resolution failures",
    startedAt: new Date("2026-03-01T10:00:00Z"),
  });
  await testDb.incident.update({
    where: { id: dns.id },
    data: {
      summary: "Resolvers dropped queries, the connection to the pool of resolvers flapped.",
      services: ["edge"],
    },
  });
  event = await testDb.timelineEvent.create({
    data: {
      incidentId: pool.id,
      occurredAt: new Date("2026-01-10T14:05:00Z"),
      kind: "ALERT",
      body: "Pager: p99 latency above 2 s on checkout",
    },
  });
  rootCause = await testDb.whyNode.create({
    data: {
      incidentId: pool.id,
      statement: "Connection leak in the retry handler kept sockets open",
      isRootCause: true,
      category: "TOOLING",
    },
  });
  action = await testDb.actionItem.create({
    data: {
      teamId: a.team.id,
      incidentId: pool.id,
      whyNodeId: rootCause.id,
      title: "Close sockets in the retry handler",
      description: "Add a finally block.",
    },
  });
  // Team B says the same words: it must never show up for team A.
  const other = await createIncident(b.team.id, b.owner.id, {
    title: "Database connection pool exhausted in team B",
  });
  await testDb.whyNode.create({
    data: {
      incidentId: other.id,
      statement: "Connection leak in the retry handler",
      isRootCause: true,
    },
  });
});

describe("searchTeam", () => {
  it("finds every kind of record, only of the caller's team, with a link to the exact place", async () => {
    const { hits } = await searchTeam(mintTeamScope(a.team.id), params({ q: "retry handler" }));
    expect(hits.map((h) => [h.type, h.id])).toEqual(
      expect.arrayContaining([
        ["why", rootCause.id],
        ["action", action.id],
      ]),
    );
    expect(hits.every((h) => h.incidentId === pool.id)).toBe(true);
    const why = hits.find((h) => h.type === "why")!;
    expect(why.href).toBe(`/incidents/${pool.id}/whys?node=${rootCause.id}`);
    expect(why.label).toBe("Root cause");
    expect(hits.find((h) => h.type === "action")!.href).toBe(
      `/incidents/${pool.id}/actions/${action.id}`,
    );

    const { hits: b1 } = await searchTeam(mintTeamScope(b.team.id), params({ q: "retry handler" }));
    expect(b1).toHaveLength(1);
    expect(b1[0]!.incidentId).not.toBe(pool.id);
  });

  it("ranks a title match above a summary mention and highlights the matched words", async () => {
    const { hits } = await searchTeam(
      mintTeamScope(a.team.id),
      params({ q: "connection pool", type: "incident" }),
    );
    expect(hits.map((h) => h.id)).toEqual([pool.id, dns.id]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(highlighted(hits[0]!)).toEqual(expect.arrayContaining(["connection", "pool"]));
    expect(hits[0]!.snippet).toContain(HIGHLIGHT_START);
    expect(hits[0]!.snippet).toContain(HIGHLIGHT_STOP);
  });

  it("understands quotes, -word and or", async () => {
    const scope = mintTeamScope(a.team.id);
    const incidents = async (q: string) =>
      (await searchTeam(scope, params({ q, type: "incident" }))).hits.map((h) => h.id);
    expect(await incidents('"connection pool exhausted"')).toEqual([pool.id]);
    expect(await incidents("pool -resolvers")).toEqual([pool.id]);
    expect((await incidents("exhausted or dns")).sort()).toEqual([pool.id, dns.id].sort());
  });

  it("forgives a typo in a title (the team's vocabulary) but ranks it below exact matches", async () => {
    const { hits, corrected, onlyCorrected } = await searchTeam(
      mintTeamScope(a.team.id),
      params({ q: "databse", type: "incident" }),
    );
    expect(corrected).toBe("database");
    expect(hits.map((h) => h.id)).toEqual([pool.id]);
    expect(onlyCorrected).toBe(true);
    expect(hits[0]!.score).toBeLessThan(1);
    // The snippet highlights the word the record says.
    expect(highlighted(hits[0]!)).toEqual(["database"]);
  });

  it("corrects typos and partial words anywhere in the query, keeping its syntax, below exact matches", async () => {
    const scope = mintTeamScope(a.team.id);
    // Two typos in the 5 Whys statement's words ("connecton leek" → "connection leak").
    const two = await searchTeam(scope, params({ q: "connecton leak", type: "why" }));
    expect(two.corrected).toBe("connection leak");
    expect(two.hits.map((h) => h.id)).toEqual([rootCause.id]);
    // A partial word: the shortest word of the team's it begins.
    const partial = await searchTeam(scope, params({ q: "exhaus", type: "incident" }));
    expect(partial.corrected).toBe("exhausted");
    expect(partial.hits.map((h) => h.id)).toEqual([pool.id]);
    // Quotes keep their meaning: the corrected phrase, not its words anywhere ("the connection
    // to the pool" of the DNS incident's summary is no match).
    const phrase = await searchTeam(scope, params({ q: '"connecton pool"', type: "incident" }));
    expect(phrase.corrected).toBe('"connection pool"');
    expect(phrase.hits.map((h) => h.id)).toEqual([pool.id]);
    // Exact matches first (the pager event), then what only the corrected query matches (the
    // root cause and the action item say "sockets").
    const mixed = await searchTeam(scope, params({ q: "pager or sockts" }));
    expect(mixed).toMatchObject({ corrected: "pager or sockets", onlyCorrected: false });
    expect(mixed.hits[0]).toMatchObject({ type: "event", id: event.id });
    expect(mixed.hits[0]!.score).toBeGreaterThanOrEqual(1);
    const below = mixed.hits.slice(1);
    expect(below.map((h) => h.id).sort()).toEqual([rootCause.id, action.id].sort());
    expect(below.every((h) => h.score < 1)).toBe(true);

    // A word nothing of the team's is close to: no correction, no results.
    const none = await searchTeam(scope, params({ q: "zxqvw" }));
    expect(none).toMatchObject({ hits: [], corrected: null });
    // Words the team wrote are never corrected, even when they match nothing of this kind.
    expect((await searchTeam(scope, params({ q: "resolvers", type: "why" }))).corrected).toBe(null);
  });

  it("says there were exact matches on a later page that shows only corrected ones", async () => {
    const c = await createTeamWithMembers("Search pages");
    for (let n = 0; n < 20; n++)
      await createIncident(c.team.id, c.owner.id, { title: `Quokka relay ${n} stalled` });
    for (let n = 0; n < 3; n++)
      await createIncident(c.team.id, c.owner.id, { title: `Wombat queue ${n} full` });
    const scope = mintTeamScope(c.team.id);
    const first = await searchTeam(scope, params({ q: "quokka or wombt" }));
    expect(first).toMatchObject({
      corrected: "quokka or wombat",
      onlyCorrected: false,
      hasMore: true,
    });
    expect(first.hits.every((h) => h.score >= 1)).toBe(true);
    const second = await searchTeam(scope, params({ q: "quokka or wombt", page: 2 }));
    expect(second).toMatchObject({
      corrected: "quokka or wombat",
      onlyCorrected: false,
      hasMore: false,
    });
    expect(second.hits.map((h) => h.score < 1)).toEqual([true, true, true]);
  });

  it("never corrects to another team's words", async () => {
    // Only team B wrote "zookeeper" (in a title); team A's nearest words are nothing like it.
    await createIncident(b.team.id, b.owner.id, { title: "Zookeeper quorum lost" });
    const forA = await searchTeam(mintTeamScope(a.team.id), params({ q: "zookeper" }));
    expect(forA).toMatchObject({ hits: [], corrected: null });
    const forB = await searchTeam(mintTeamScope(b.team.id), params({ q: "zookeper" }));
    expect(forB.corrected).toBe("zookeeper");
    expect(forB.hits).toHaveLength(1);
  });

  it("links a timeline event to its anchor on the incident page", async () => {
    const { hits } = await searchTeam(mintTeamScope(a.team.id), params({ q: "latency pager" }));
    expect(hits.map((h) => h.href)).toEqual([`/incidents/${pool.id}#event-${event.id}`]);
    expect(highlighted(hits[0]!)).toEqual(expect.arrayContaining(["latency", "pager"]));
  });

  it("combines the words with service, severity, type and date filters", async () => {
    const scope = mintTeamScope(a.team.id);
    const ids = async (over: Record<string, unknown>) =>
      (await searchTeam(scope, params({ q: "pool", type: "incident", ...over }))).hits.map(
        (h) => h.id,
      );
    expect(await ids({ service: "edge" })).toEqual([dns.id]);
    expect(await ids({ severity: "SEV1" })).toEqual([pool.id]);
    expect(await ids({ from: "2026-02-01" })).toEqual([dns.id]);
    expect(await ids({ to: "2026-01-10" })).toEqual([pool.id]);
    expect(await ids({ service: "nothing-here" })).toEqual([]);
  });

  it("answers nothing for an empty query or stop words only", async () => {
    const scope = mintTeamScope(a.team.id);
    expect((await searchTeam(scope, params({ q: "" }))).hits).toEqual([]);
    expect((await searchTeam(scope, params({ q: "the and of" }))).hits).toEqual([]);
  });

  it("finds published report text at the section, newest version only", async () => {
    const incident = await createIncident(a.team.id, a.owner.id, { title: "Cache stampede" });
    const v1 = await publishFixture(incident, a.owner.id);
    await testDb.reportSectionText.updateMany({
      where: { reportVersionId: v1.id, position: 0 },
      data: { body: "Thundering herd on the memcached tier." },
    });
    const scope = mintTeamScope(a.team.id);
    const first = await searchTeam(scope, params({ q: "memcached", type: "report" }));
    expect(first.hits).toHaveLength(1);
    expect(first.hits[0]!.href).toMatch(
      new RegExp(`^/incidents/${incident.id}/report/versions/1#section-`),
    );
    expect(highlighted(first.hits[0]!)).toContain("memcached");
    // Version 2 no longer says it: the old version's text is not searched.
    await publishFixture(incident, a.owner.id);
    expect((await searchTeam(scope, params({ q: "memcached", type: "report" }))).hits).toEqual([]);
    expect(
      (await searchTeam(mintTeamScope(b.team.id), params({ q: "checkout", type: "report" }))).hits,
    ).toEqual([]);
  });
});

describe("the window: a kind's newest SEARCH_WINDOW matches are ranked", () => {
  it("ranks the newest matches of a word in more incidents than the window, says so, and reaches older ones by date", async () => {
    const c = await createTeamWithMembers("Search window");
    // The oldest incident says the word three times in its title: ranked over everything it
    // would come first. SEARCH_WINDOW newer ones say it once.
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 3_600_000);
    const row = (n: number, title: string) => ({
      teamId: c.team.id,
      number: n + 1,
      title,
      severity: "SEV3" as const,
      status: "RESOLVED" as const,
      startedAt: day(n),
      customerImpact: "",
      services: ["window"],
      tags: [],
      createdById: c.owner.id,
    });
    await testDb.incident.createMany({
      data: [
        row(0, "Quasar quasar quasar outage"),
        ...Array.from({ length: SEARCH_WINDOW }, (_, k) => row(k + 1, `Quasar relay ${k + 1} lag`)),
      ],
    });
    const oldest = await testDb.incident.findFirstOrThrow({
      where: { teamId: c.team.id, number: 1 },
    });
    const scope = mintTeamScope(c.team.id);

    const all = await searchTeam(scope, params({ q: "quasar" }));
    expect(all.windowed).toEqual(["incident"]);
    expect(all.hits).toHaveLength(20);
    expect(all.hits.map((h) => h.id)).not.toContain(oldest.id);
    // Each result is one of the newest SEARCH_WINDOW incidents.
    const numbers = all.hits.map((h) => Number(h.incidentKey.replace(/\D/g, "")));
    expect(Math.min(...numbers)).toBeGreaterThan(1);

    // Dates before the newest ones: the oldest is in the window, and ranks first.
    const older = await searchTeam(scope, params({ q: "quasar", to: "2024-01-02" }));
    expect(older.windowed).toEqual([]);
    expect(older.hits[0]!.id).toBe(oldest.id);
    // A word only a few say: no window, ranked over every match.
    const few = await searchTeam(scope, params({ q: "outage" }));
    expect(few.windowed).toEqual([]);
    expect(few.hits.map((h) => h.id)).toEqual([oldest.id]);
  });
});

describe("the team's vocabulary", () => {
  const words = async (teamId: string) =>
    (await testDb.searchWord.findMany({ where: { teamId }, select: { word: true } })).map(
      (w) => w.word,
    );

  it("keeps every word of what search reads, letters only, 3 to 40 of them, lower case, per team", async () => {
    const c = await createTeamWithMembers("Vocabulary");
    const incident = await createIncident(c.team.id, c.owner.id, {
      title: "Redis OOM at 03:00 on p99 hosts",
    });
    await testDb.incident.update({
      where: { id: incident.id },
      data: { summary: "Evictions stormed.", services: ["cache-tier"] },
    });
    await testDb.timelineEvent.create({
      data: {
        incidentId: incident.id,
        occurredAt: new Date(),
        kind: "NOTE",
        body: "Failover began",
      },
    });
    await testDb.whyNode.create({
      data: { incidentId: incident.id, statement: "Maxmemory unset" },
    });
    const vocabulary = await words(c.team.id);
    expect(vocabulary).toEqual(
      expect.arrayContaining([
        "redis",
        "oom",
        "hosts",
        "evictions",
        "stormed",
        "cache",
        "tier",
        "failover",
        "began",
        "maxmemory",
        "unset",
      ]),
    );
    // No digits, no one- or two-letter words, nothing of another team's.
    expect(vocabulary.filter((w) => !/^[a-z]{3,40}$/.test(w))).toEqual([]);
    expect(vocabulary).not.toContain("database");
  });

  it("adds the words of changed text only, and follows an incident to another team", async () => {
    const c = await createTeamWithMembers("Vocabulary moves");
    const d = await createTeamWithMembers("Vocabulary arrives");
    const incident = await createIncident(c.team.id, c.owner.id, {
      title: "Quartz scheduler stalled",
    });
    await testDb.whyNode.create({
      data: { incidentId: incident.id, statement: "Thread starvation" },
    });
    // A word removed by hand comes back only when the text that says it is written again: a
    // status change reads no words.
    await testDb.searchWord.delete({
      where: { teamId_word: { teamId: c.team.id, word: "quartz" } },
    });
    await testDb.incident.update({ where: { id: incident.id }, data: { status: "RESOLVED" } });
    expect(await words(c.team.id)).not.toContain("quartz");
    await testDb.incident.update({
      where: { id: incident.id },
      data: { title: "Quartz scheduler stalled again" },
    });
    expect(await words(c.team.id)).toEqual(expect.arrayContaining(["quartz", "again"]));

    await testDb.incident.update({ where: { id: incident.id }, data: { teamId: d.team.id } });
    expect(await words(d.team.id)).toEqual(
      expect.arrayContaining(["quartz", "scheduler", "thread", "starvation"]),
    );
  });
});

describe("portal search", () => {
  it("searches only versions granted to the address, in the published text, with a section link", async () => {
    const shared = await createIncident(a.team.id, a.owner.id, {
      title: "Payment webhook backlog",
    });
    const notShared = await createIncident(a.team.id, a.owner.id, { title: "Payment queue stall" });
    const v = await publishFixture(shared, a.owner.id);
    const hidden = await publishFixture(notShared, a.owner.id);
    // Both published texts say the same words.
    await testDb.reportSectionText.updateMany({
      where: { reportVersionId: { in: [v.id, hidden.id] }, position: 0 },
      data: { body: "Checkout returned errors for 40 minutes." },
    });
    const email = `stakeholder.${Date.now()}@example.test`;
    await testDb.stakeholderGrant.create({ data: { reportVersionId: v.id, email } });

    // Only the granted one of the two equal texts answers.
    const hits = await searchSharedReports(email, "checkout errors");
    expect(hits.map((h) => h.versionId)).toEqual([v.id]);
    expect(hits[0]!.match?.href).toMatch(new RegExp(`^/portal/reports/${v.id}#section-`));
    expect(
      splitHighlights(hits[0]!.match!.snippet).some((p) => p.hit && /checkout/i.test(p.text)),
    ).toBe(true);
    // Title and incident number still match without the text.
    expect((await listPortalReports(email, "webhook backlog")).map((h) => h.versionId)).toEqual([
      v.id,
    ]);
    expect(await listPortalReports(email, "Payment queue stall")).toEqual([]);
    // Another address sees nothing; a revoked grant stops answering.
    expect(await searchSharedReports(`other.${email}`, "checkout")).toEqual([]);
    await testDb.stakeholderGrant.updateMany({ where: { email }, data: { revokedAt: new Date() } });
    expect(await searchSharedReports(email, "checkout")).toEqual([]);
  });
});
