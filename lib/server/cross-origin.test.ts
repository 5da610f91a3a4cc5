import { describe, expect, it } from "vitest";
import { crossOriginActionResponse, isCrossOriginAction } from "./cross-origin";

const req = (
  headers: Record<string, string>,
  method = "POST",
  url = "http://app.example/incidents/x",
) => ({ method, headers: new Headers(headers), url });

describe("cross-origin server actions", () => {
  it.each([
    [
      "a fetch action from another site",
      { "next-action": "abc", origin: "https://evil.example", host: "app.example" },
      true,
    ],
    [
      "a no-JS form post from another site",
      {
        "content-type": "multipart/form-data; boundary=x",
        origin: "https://evil.example",
        host: "app.example",
      },
      true,
    ],
    ["an opaque origin", { "next-action": "abc", origin: "null", host: "app.example" }, true],
    [
      "behind a proxy, another site",
      {
        "next-action": "abc",
        origin: "https://evil.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "app.example",
      },
      true,
    ],
    [
      "same host",
      { "next-action": "abc", origin: "https://app.example", host: "app.example" },
      false,
    ],
    [
      "same host behind a proxy",
      {
        "next-action": "abc",
        origin: "https://app.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "app.example",
      },
      false,
    ],
    ["no origin (handcrafted, no cookies)", { "next-action": "abc", host: "app.example" }, false],
    [
      "not an action",
      { "content-type": "application/json", origin: "https://evil.example", host: "app.example" },
      false,
    ],
  ])("%s", (_name, headers, refused) => {
    expect(isCrossOriginAction(req(headers))).toBe(refused);
  });

  it("ignores GET requests and answers 403", async () => {
    expect(
      isCrossOriginAction(
        req({ "next-action": "abc", origin: "https://evil.example", host: "app.example" }, "GET"),
      ),
    ).toBe(false);
    expect(
      isCrossOriginAction(
        req(
          {
            "content-type": "multipart/form-data",
            origin: "https://evil.example",
            host: "app.example",
          },
          "POST",
          "http://app.example/api/v1/x",
        ),
      ),
    ).toBe(false);
    const res = crossOriginActionResponse();
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.stringContaining("another site") });
  });
});
