import { describe, expect, it } from "vitest";
import { shareEmail } from "./email";
import { shareSchema, sharingSettingsSchema, splitRecipients } from "./schema";

describe("share form", () => {
  const base = { days: "30", mode: "ANYONE_WITH_LINK" };

  it("accepts several addresses separated by commas or new lines, de-duplicated", () => {
    expect(splitRecipients("A@x.test, b@x.test\nA@x.test;c@x.test")).toEqual([
      "a@x.test",
      "b@x.test",
      "c@x.test",
    ]);
    const parsed = shareSchema.parse({ ...base, recipients: "a@x.test\nb@x.test", message: "  " });
    expect(parsed).toMatchObject({ recipients: ["a@x.test", "b@x.test"], message: null, days: 30 });
  });

  it("names each bad address in the field message", () => {
    const r = shareSchema.safeParse({ ...base, recipients: "ok@x.test, bob@, not an email" });
    expect(r.success).toBe(false);
    const messages = r
      .error!.issues.filter((i) => i.path[0] === "recipients")
      .map((i) => i.message);
    expect(messages).toEqual([
      '"bob@" is not a valid email address.',
      '"not" is not a valid email address.',
      '"an" is not a valid email address.',
      '"email" is not a valid email address.',
    ]);
  });

  it("requires at least one address and bounds the message", () => {
    expect(shareSchema.safeParse({ ...base, recipients: " " }).error!.issues[0]!.message).toBe(
      "Enter at least one email address.",
    );
    expect(
      shareSchema.safeParse({ ...base, recipients: "a@x.test", message: "x".repeat(2001) }).success,
    ).toBe(false);
  });
});

describe("sharing settings", () => {
  it("keeps the default within the maximum", () => {
    const r = sharingSettingsSchema.safeParse({
      shareLinkDefaultDays: "60",
      shareLinkMaxDays: "30",
      allowAnonymousShareLink: "on",
    });
    expect(r.error!.issues[0]).toMatchObject({
      path: ["shareLinkDefaultDays"],
      message: "The default lifetime cannot be longer than the maximum.",
    });
    expect(
      sharingSettingsSchema.parse({ shareLinkDefaultDays: "7", shareLinkMaxDays: "30" }),
    ).toEqual({ shareLinkDefaultDays: 7, shareLinkMaxDays: 30, allowAnonymousShareLink: false });
    expect(
      sharingSettingsSchema.safeParse({ shareLinkDefaultDays: "7", shareLinkMaxDays: "400" })
        .success,
    ).toBe(false);
  });
});

describe("share email", () => {
  it("carries title, incident number, summary, link and the escaped message in HTML and text", () => {
    const mail = shareEmail({
      to: "a@x.test",
      url: "https://hindsight.example/r/TOKEN",
      reportTitle: "Checkout <errors>",
      incidentKey: "INC-7",
      summary: "Checkout failed.",
      sharerName: "Dana",
      message: "<script>alert(1)</script> see section 4",
      expiresAt: new Date("2026-04-01T00:00:00Z"),
      confirmEmail: false,
    });
    expect(mail.subject).toBe("Incident report: INC-7 Checkout <errors>");
    expect(mail.text).toContain("https://hindsight.example/r/TOKEN");
    expect(mail.text).toContain("<script>alert(1)</script> see section 4");
    expect(mail.html).toContain("INC-7: Checkout &lt;errors&gt;");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; see section 4");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("1 April 2026");
  });
});
