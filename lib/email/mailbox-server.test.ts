import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { isLoopbackAddress } from "@/lib/net/loopback";
import { saveMail } from "./mailbox";
import { startMailboxServer, type MailboxServer } from "./mailbox-server";

const link =
  "http://localhost:3000/api/auth/callback/nodemailer?token=secret-token-123&email=demo%40hindsight.local";
let dir: string;
let server: MailboxServer;

function get(
  host: string,
  port: number,
  hostHeader: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: "/", headers: { host: hostHeader } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "mailbox-test-"));
  saveMail(dir, {
    id: "1",
    receivedAt: new Date().toISOString(),
    from: "a@b",
    to: ["demo@hindsight.local"],
    subject: "Sign in <script>alert(1)</script>",
    text: `Use ${link}\n`,
    html: null,
  });
  server = await startMailboxServer({ dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("development mailbox server", () => {
  it("shows caught mail to this machine, escaped, and says why it exists", async () => {
    const res = await get("127.0.0.1", server.port, `127.0.0.1:${server.port}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(res.body).toContain("no SMTP server is configured");
    expect(res.body).not.toContain("<script>");
  });

  it("refuses a foreign Host header (DNS rebinding) without showing mail", async () => {
    const res = await get("127.0.0.1", server.port, "evil.example");
    expect(res.status).toBe(421);
    expect(res.body).not.toContain("secret-token-123");
  });

  it("cannot be reached on this machine's other addresses", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === "IPv4");
    if (!external) return; // a machine with loopback only has nothing else to try
    await expect(get(external.address, server.port, `127.0.0.1:${server.port}`)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["fe80::1", false],
    ["", false],
    [undefined, false],
  ])("isLoopbackAddress(%s) = %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe("/dev/mailbox in the app", () => {
  it("never shows caught mail, only where the loopback mailbox is and why it exists", async () => {
    Object.assign(process.env, {
      DATABASE_URL: "postgresql://x@127.0.0.1/x",
      AUTH_SECRET: "unit-test-secret-0123456789",
      DEV_MAILBOX_DIR: dir,
      DEV_MAILBOX_URL: server.url,
    });
    const { default: DevMailboxPage } = await import("@/app/dev/mailbox/page");
    const html = renderToStaticMarkup(DevMailboxPage());
    expect(html).not.toContain("secret-token-123");
    expect(html).toContain("no SMTP server is configured");
    expect(html).toContain(server.url);
  });
});
