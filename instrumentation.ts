// Runs once when the server starts: the email worker lives in the app by default, so a single
// `npm start` delivers mail. Set WORKER=off to run workers as separate processes instead.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInAppWorker } = await import("./lib/jobs/in-app");
  // Not awaited: the server must answer even while the database is still coming up.
  void startInAppWorker();
}
