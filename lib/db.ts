import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pgPoolConfig } from "@/lib/pg-timeouts";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaPool?: pg.Pool };

function createClient() {
  // Our own pool (not one the adapter hides) so its use can be reported in /api/metrics.
  const pool = (globalForPrisma.prismaPool ??= new pg.Pool(pgPoolConfig(env().DATABASE_URL)));
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/** Connections of this process's pool, or null before the first query opened it. */
export function dbPoolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = globalForPrisma.prismaPool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

function client(): PrismaClient {
  return (globalForPrisma.prisma ??= createClient());
}

/**
 * One client per process, kept on globalThis so dev reloads do not leak pools. Created on
 * first use, so `next build` (which imports routes) needs no database.
 */
export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
