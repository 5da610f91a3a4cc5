// `npm run db:serve`: keep the embedded PostgreSQL running in the foreground (for several
// parallel test runs or a second terminal); every other script reuses it while it runs.
import { startEmbeddedServer } from "./embedded";

const server = await startEmbeddedServer((line) => console.log(line));
console.log("Embedded PostgreSQL is up; Ctrl-C stops it.");
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
