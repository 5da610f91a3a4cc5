// Integration tests run against the real PostgreSQL database that scripts/with-test-db.ts
// created and migrated for this run (DATABASE_URL). Next's request APIs are replaced by a
// tiny in-memory session so server actions can be called as a given user.
import { vi } from "vitest";
import { testSession } from "./session";

if (!process.env.DATABASE_URL)
  throw new Error(
    "Run integration tests through `npm run test:integration` (it creates the database).",
  );
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789";
process.env.SMTP_URL ??= "smtp://127.0.0.1:2525";
// Every test is the same client; the per-client limit is proven end to end (e2e/email-limits.spec.ts).
process.env.EMAIL_LIMIT_CLIENT_BURST ??= "100000";
// Notification receivers in tests listen on loopback, which production refuses (SSRF guard).
process.env.NOTIFICATIONS_ALLOW_PRIVATE ??= "1";

vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  unstable_cache: <T>(fn: T) => fn,
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), {
      digest: `NEXT_REDIRECT;replace;${url};307;`,
    });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
  // Client components rendered on the server by page tests (test/reads-do-not-write) call these
  // hooks while rendering; navigation itself only happens in a browser.
  useRouter: () => ({
    push: () => {},
    replace: () => {},
    refresh: () => {},
    back: () => {},
    forward: () => {},
    prefetch: () => {},
  }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      testSession.cookies.has(name) ? { name, value: testSession.cookies.get(name)! } : undefined,
    set: (name: string, value: string) => void testSession.cookies.set(name, value),
    delete: (name: string) => void testSession.cookies.delete(name),
  }),
  headers: async () => new Headers(testSession.headers),
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (testSession.userId ? { user: { id: testSession.userId } } : null),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
  externalProviders: () => [],
}));
