// `prisma generate` offline (postinstall and `npm run db:generate`). Plain Node on purpose: it
// runs as postinstall, where a production install (`npm ci --omit=dev`) has neither tsx nor the
// Prisma CLI. There it skips generation: the generated client is compiled into the build
// (`next build`, made with every dependency), and the running server does not need it again.
// The CLI only needs PRISMA_SCHEMA_ENGINE_BINARY to point at an existing file to skip its
// engine download; generation itself does not use the engine.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.log(
    "prisma generate skipped: the Prisma CLI (a development dependency) is not installed. " +
      "A production install serves a build made with every dependency (README, “Production”).",
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
