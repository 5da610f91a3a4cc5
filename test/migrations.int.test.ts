// The committed migrations and prisma/schema.prisma must describe the same database, and
// deploying must record Prisma's standard history table: checked with the same WebAssembly
// schema engine that `npm run db:migrate` / `db:migration` use.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDeploy, pendingSchemaSql } from "../scripts/db/migrate";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

afterAll(() => client.end());

describe("migrations", () => {
  it("match schema.prisma (no migration is missing)", async () => {
    expect(await pendingSchemaSql(process.env.DATABASE_URL!)).toBe("");
  }, 60_000);

  it("are recorded in _prisma_migrations and a second deploy applies nothing", async () => {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)[0]).toMatch(/^\d{14}_init$/);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await migrateDeploy(process.env.DATABASE_URL!, true)).toEqual([]);
  }, 60_000);
});
