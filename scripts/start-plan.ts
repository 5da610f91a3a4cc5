// Where `npm start` listens, decided before anything starts (pure, unit-tested). The default
// is loopback only: without SMTP_URL every email, sign-in links included, lands in the
// development mailbox, so the app must not be reachable from other machines. Listening
// elsewhere is an explicit choice (HOST) and then needs real email and a public URL.
import { isLoopbackHost } from "../lib/net/loopback";

export type StartPlan = { ok: true; host: string; appUrl: string } | { ok: false; error: string };

export function startPlan(
  env: Readonly<Record<string, string | undefined>>,
  port: number,
): StartPlan {
  const host = env.HOST?.trim() || "127.0.0.1";
  const appUrl = env.APP_URL || `http://localhost:${port}`;
  if (isLoopbackHost(host)) return { ok: true, host, appUrl };
  if (!env.SMTP_URL) {
    return {
      ok: false,
      error: `Refusing to listen on HOST=${host} without SMTP_URL: the development mail catcher would hold everyone's sign-in links. Set SMTP_URL to a real SMTP server, or unset HOST to stay on 127.0.0.1.`,
    };
  }
  if (!env.APP_URL) {
    return {
      ok: false,
      error: `Refusing to listen on HOST=${host} without APP_URL: set APP_URL to the public address people open (it is the only base of every emailed link), e.g. APP_URL=https://hindsight.example.com.`,
    };
  }
  return { ok: true, host, appUrl };
}

/** The address the start script polls for readiness on the host the server listens on. */
export function localProbeHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "[::]") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
