import "server-only";
import type PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Lets pg-boss insert its job through a Prisma transaction: the change and its email commit together. */
export function jobDbFor(tx: Prisma.TransactionClient): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const args = values.map((v) =>
        v === undefined
          ? null
          : v !== null && typeof v === "object" && !(v instanceof Date)
            ? JSON.stringify(v)
            : v,
      );
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...args);
      return { rows };
    },
  };
}
