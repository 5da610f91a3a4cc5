import { defineConfig } from "prisma/config";

// DATABASE_URL is only needed by commands that talk to a database; generate works without it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/hindsight" },
});
