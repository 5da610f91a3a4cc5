// Node options for the production server (`npm start`, the bench, the documented command).
/** NODE_OPTIONS for the app server. */
export function appNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  return env.NODE_OPTIONS ?? "";
}
