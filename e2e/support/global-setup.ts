// Playwright refuses to run unless scripts/with-test-db.ts started the app for this run: the
// server at E2E_BASE_URL must answer /api/health with the INSTANCE_ID that script gave its own
// child, so the specs can never run against some other program listening on the port.
export default async function globalSetup() {
  const base = process.env.E2E_BASE_URL;
  const instance = process.env.E2E_INSTANCE_ID;
  if (!base || !instance) {
    throw new Error(
      "Run the e2e tests with `npm run test:e2e` (or `tsx scripts/with-test-db.ts --e2e playwright test …`): it starts the app, a fresh database and a mail sink for the run.",
    );
  }
  const health = (await (await fetch(`${base}/api/health`)).json().catch(() => null)) as {
    instance?: string;
  } | null;
  if (health?.instance !== instance)
    throw new Error(
      `${base} is not the app this run started (its /api/health names another instance).`,
    );
}
