import { readFileSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./address";
import { eventsForAudit, type NotificationEvent } from "./events";
import { mattermostMessage, slackEscape, slackMessage } from "./format";
import { mattermostIncomingWebhookSchema, slackIncomingWebhookSchema } from "./fixtures/formats";
import { generateSigningSecret, signedHeaders } from "./signing";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")) as unknown;

const incident = {
  id: "inc1",
  key: "INC-7",
  title: "Checkout <!channel> & <https://evil.test|docs>",
  severity: "SEV1",
  status: "INVESTIGATING",
  url: "https://app.test/incidents/inc1",
};
const team = { id: "t1", name: "Payments" };
const events: NotificationEvent[] = [
  {
    v: 1,
    type: "incident.opened",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: { team, incident, actor: "Olivia" },
  },
  {
    v: 1,
    type: "incident.status_changed",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: {
      team,
      incident: { ...incident, status: "RESOLVED" },
      change: { field: "status", from: "INVESTIGATING", to: "RESOLVED" },
    },
  },
  {
    v: 1,
    type: "incident.severity_changed",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: { team, incident, change: { field: "severity", from: "SEV3", to: "SEV1" } },
  },
  {
    v: 1,
    type: "report.published",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: { team, incident, report: { version: 2, url: "https://app.test/incidents/inc1/report" } },
  },
  {
    v: 1,
    type: "action_item.overdue",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: {
      team,
      incident,
      actionItem: {
        id: "a1",
        title: "Add a replica",
        dueDate: "2026-12-01T00:00:00.000Z",
        owner: "Bob",
        url: "https://app.test/incidents/inc1/actions",
      },
    },
  },
  {
    v: 1,
    type: "test",
    timestamp: "2026-12-03T10:00:00.000Z",
    data: { team, message: "hello", actor: "Olivia" },
  },
];

describe("which audited changes notify", () => {
  it("maps creation, status and severity changes and publication to events with stable ids", () => {
    expect(
      eventsForAudit({ action: "incident.create", entityId: "inc1", incidentId: "inc1" }),
    ).toEqual([{ type: "incident.opened", eventId: "incident.opened:inc1", incidentId: "inc1" }]);
    const update = {
      action: "incident.update",
      entityId: "inc1",
      incidentId: "inc1",
      data: {
        version: 4,
        changes: {
          status: { from: "INVESTIGATING", to: "RESOLVED" },
          severity: { from: "SEV2", to: "SEV1" },
          title: { from: "a", to: "b" },
        },
      },
    };
    expect(eventsForAudit(update)).toEqual([
      {
        type: "incident.status_changed",
        eventId: "incident.status_changed:inc1:v4",
        incidentId: "inc1",
        change: { field: "status", from: "INVESTIGATING", to: "RESOLVED" },
      },
      {
        type: "incident.severity_changed",
        eventId: "incident.severity_changed:inc1:v4",
        incidentId: "inc1",
        change: { field: "severity", from: "SEV2", to: "SEV1" },
      },
    ]);
    expect(
      eventsForAudit({ action: "report.publish", entityId: "rv9", incidentId: "inc1" }),
    ).toEqual([
      {
        type: "report.published",
        eventId: "report.published:rv9",
        incidentId: "inc1",
        reportVersionId: "rv9",
      },
    ]);
  });

  it("ignores other changes", () => {
    expect(
      eventsForAudit({
        action: "incident.update",
        entityId: "i",
        incidentId: "i",
        data: { version: 2, changes: { title: { from: "a", to: "b" } } },
      }),
    ).toEqual([]);
    expect(eventsForAudit({ action: "timeline.create", entityId: "e", incidentId: "i" })).toEqual(
      [],
    );
    expect(eventsForAudit({ action: "incident.create", entityId: "i" })).toEqual([]);
  });
});

describe("chat message formats", () => {
  it("the documented Slack and Mattermost examples pass the format schemas", () => {
    expect(
      slackIncomingWebhookSchema.safeParse(fixture("slack-incoming-webhook.json")).success,
    ).toBe(true);
    expect(slackIncomingWebhookSchema.safeParse(fixture("slack-header-context.json")).success).toBe(
      true,
    );
    expect(
      mattermostIncomingWebhookSchema.safeParse(fixture("mattermost-incoming-webhook.json"))
        .success,
    ).toBe(true);
    // And they are not vacuous: an over-long header or a section with nothing in it fails.
    expect(
      slackIncomingWebhookSchema.safeParse({
        text: "x",
        blocks: [{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }],
      }).success,
    ).toBe(false);
    expect(
      slackIncomingWebhookSchema.safeParse({ text: "x", blocks: [{ type: "section" }] }).success,
    ).toBe(false);
  });

  it.each(events.map((e) => [e.type, e] as const))(
    "%s is a valid Slack Block Kit and Mattermost message",
    (_type, e) => {
      const slack = slackMessage(e);
      expect(slackIncomingWebhookSchema.parse(slack)).toBeTruthy();
      expect(mattermostIncomingWebhookSchema.parse(mattermostMessage(e))).toBeTruthy();
    },
  );

  it("escapes Slack's control characters so a title cannot ping the channel or disguise a link", () => {
    const message = slackMessage(events[0]!);
    // Slack parses the top-level text and mrkdwn objects; plain_text (the header) is shown as is.
    const parsed = [
      message.text,
      ...JSON.stringify(message.blocks).match(/"type":"mrkdwn","text":"[^"]*"/g)!,
    ];
    expect(message.blocks[0]!.text).toMatchObject({ type: "plain_text" });
    const text = parsed.join("\n");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://evil.test|docs>");
    expect(text).toContain("&lt;!channel&gt; &amp; &lt;https://evil.test|docs&gt;");
    expect(text).toContain("<https://app.test/incidents/inc1|Checkout");
    expect(slackEscape("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(mattermostMessage(events[0]!).text).not.toMatch(/@channel\b/);
    expect(
      mattermostMessage({
        ...events[0]!,
        data: { ...events[0]!.data, incident: { ...incident, title: "DB down @channel" } },
      }).text,
    ).toContain("@\u200bchannel");
  });

  it("says what happened in the fallback text", () => {
    expect(slackMessage(events[1]!).text).toBe(
      "INC-7 is now Resolved: Checkout &lt;!channel&gt; &amp; &lt;https://evil.test|docs&gt;",
    );
    expect(slackMessage(events[2]!).blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: expect.stringContaining("INC-7 severity SEV3 → SEV1"),
        emoji: false,
      },
    });
    expect(slackMessage(events[4]!).text).toContain("Action item overdue: Add a replica (INC-7)");
  });
});

describe("Standard Webhooks signatures", () => {
  it("verify with the target's secret and with no other, and bind the body", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify(events[0]);
    const headers = signedHeaders(secret, "msg_1", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(events[0]);
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("INC-7", "INC-8"), headers)).toThrow();
  });
});

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::ffff:127.0.0.1",
    "fd00::1",
    "fe80::1%eth0",
    "not-an-ip",
  ])("%s is refused", (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (a) => {
      expect(isPrivateAddress(a)).toBe(false);
    },
  );
});
