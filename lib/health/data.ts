import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { inAppWorkerState } from "@/lib/jobs/in-app";
import { senderBoss } from "@/lib/jobs/sender";
import { shuttingDown } from "@/lib/server/shutdown";
import { probeDatabase, type ProbeResult } from "./probe";

/**
 * Liveness of the database, answered within ~1.2 s even when the server is frozen. Always a
 * fresh probe (concurrent callers still share one): the proxy may answer from a result up to a
 * second old, but a health check must never report "ok" for a database that froze since.
 */
export function checkDatabase(): Promise<ProbeResult> {
  return probeDatabase(env().DATABASE_URL, { maxAgeMs: 0 });
}

export interface Readiness {
  ready: boolean;
  database: boolean;
  migrations: { ok: boolean; pending: string[] };
  queue: boolean;
  errors: string[];
}

function expectedMigrations(): string[] {
  try {
    return readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return []; // deployed without the migrations folder: nothing to compare against
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/**
 * Ready to take traffic: the database answers, every migration in prisma/migrations is
 * applied, and the job queue (pg-boss) is started, with its in-app worker unless WORKER=off. Reads only; never migrates or starts anything
 * beyond the process-wide sender the app uses anyway.
 */
export async function checkReadiness(): Promise<Readiness> {
  const errors: string[] = [];
  const probe = await checkDatabase();
  if (!probe.ok) {
    return {
      ready: false,
      database: false,
      migrations: { ok: false, pending: [] },
      queue: false,
      errors: [`database: ${probe.error}`],
    };
  }
  let pending: string[] = [];
  let migrationsChecked = false;
  let queue = false;
  const boss = await within(senderBoss(), 1_500, "queue").catch((error: Error) => {
    errors.push(error.message);
    return null;
  });
  if (boss) {
    try {
      const applied = await within(
        boss
          .getDb()
          .executeSql(
            `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
            [],
          ),
        1_500,
        "migrations",
      );
      const names = new Set(
        (applied as { rows: { migration_name: string }[] }).rows.map((r) => r.migration_name),
      );
      pending = expectedMigrations().filter((name) => !names.has(name));
      migrationsChecked = true;
      if (pending.length)
        errors.push(`migrations: ${pending.length} not applied (run npm run db:migrate)`);
      const queues = await within(boss.getQueues(), 1_500, "queue");
      queue = queues.some((q) => q.name === "email");
      if (!queue) errors.push("queue: the email queue does not exist");
      if ((await inAppWorkerState()) === "starting") {
        queue = false;
        errors.push("queue: the in-app email worker is still starting");
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  const migrationsOk = migrationsChecked && pending.length === 0;
  // A replica that got SIGTERM finishes what it has but should be sent nothing new.
  const stopping = shuttingDown();
  if (stopping) errors.push("shutting down");
  return {
    ready: migrationsOk && queue && !stopping,
    database: true,
    migrations: { ok: migrationsOk, pending },
    queue,
    errors,
  };
}
