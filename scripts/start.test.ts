import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("npm start", () => {
  it("refuses to listen beyond loopback without SMTP_URL, saying why in one line, before starting anything", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: "0.0.0.0", PORT: "1" };
    delete env.SMTP_URL;
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/HOST=0\.0\.0\.0 without SMTP_URL/);
  }, 30_000);
});
