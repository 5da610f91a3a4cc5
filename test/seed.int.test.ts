// The demo data `npm start` seeds on a first run: seeded into its own fresh database (so other
// integration tests never see it), checked for what the README promises, and never twice.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoIfEmpty } from "../prisma/seed";
import { adminQuery } from "../scripts/db/admin";
import { migrateDeploy } from "../scripts/db/migrate";

const base = new URL(process.env.DATABASE_URL!);
const name = `${base.pathname.slice(1)}_seed`.slice(0, 63);
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
let db: PrismaClient;

beforeAll(async () => {
  await adminQuery(base.toString(), `CREATE DATABASE "${name}"`);
  await migrateDeploy(url, true);
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await adminQuery(base.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("demo seed", () => {
  it("seeds a demo team once: members, incidents with timelines, open and resolved, a 5 Whys tree", async () => {
    expect(await seedDemoIfEmpty(url)).toBe(true);

    const team = await db.team.findFirstOrThrow({
      include: {
        memberships: { include: { user: true } },
        incidents: { include: { events: true, whyNodes: true }, orderBy: { number: "asc" } },
      },
    });
    expect(team.name).toBe("Demo Platform Team");
    expect(team.memberships.map((m) => [m.user.email, m.role]).sort()).toEqual([
      ["alice@hindsight.local", "EDITOR"],
      ["bob@hindsight.local", "VIEWER"],
      ["demo@hindsight.local", "OWNER"],
    ]);
    expect(team.incidents.length).toBeGreaterThanOrEqual(3);
    expect(team.incidents.map((i) => i.number)).toEqual(team.incidents.map((_, n) => n + 1));
    expect(team.incidentSeq).toBe(team.incidents.length);
    expect(team.incidents.some((i) => i.status === "RESOLVED" || i.status === "CLOSED")).toBe(true);
    expect(
      team.incidents.some((i) => ["INVESTIGATING", "IDENTIFIED", "MONITORING"].includes(i.status)),
    ).toBe(true);
    for (const incident of team.incidents) expect(incident.events.length).toBeGreaterThan(0);
    expect(team.incidents[0].whyNodes.some((n) => n.isRootCause)).toBe(true);

    expect(await seedDemoIfEmpty(url)).toBe(false);
    expect(await db.team.count()).toBe(1);
  }, 60_000);
});
