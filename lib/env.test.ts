import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  AUTH_SECRET: "0123456789abcdef0123",
};

describe("parseEnv", () => {
  it("refuses production without APP_URL, naming the variable", () => {
    const result = parseEnv({ ...base, NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/APP_URL: set APP_URL to the public address/);
  });

  it("defaults APP_URL to localhost outside production only", () => {
    const result = parseEnv({ ...base, NODE_ENV: "development" });
    expect(result.ok && result.env.APP_URL).toBe("http://localhost:3000");
  });

  it.each([
    ["ftp://hindsight.example.com", /http:\/\/ or https:\/\//],
    ["https://hindsight.example.com/app", /without a path/],
    ["hindsight.example.com", /full URL/],
  ])("refuses APP_URL=%s", (APP_URL, message) => {
    const result = parseEnv({ ...base, NODE_ENV: "production", APP_URL });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("keeps the origin of a valid APP_URL", () => {
    const result = parseEnv({
      ...base,
      NODE_ENV: "production",
      APP_URL: "https://Hindsight.example.com/",
    });
    expect(result.ok && result.env.APP_URL).toBe("https://hindsight.example.com");
  });
});
