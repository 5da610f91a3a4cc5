import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendMail } from "@/lib/email/send";
import { sendReviewRequestEmails } from "@/lib/reports/review-email";
import { EmailRateLimitError, takeEmailAllowance } from "./email";

const unique = () => randomUUID().slice(0, 8);

describe("email allowances (PostgreSQL token buckets)", () => {
  it("lets a recipient get 5 emails in a row, then says when to try again", async () => {
    const to = `victim.${unique()}@example.test`;
    for (let i = 0; i < 5; i++)
      await takeEmailAllowance({ recipient: to, client: `client-${unique()}` });
    const refused = await takeEmailAllowance({
      recipient: to.toUpperCase(),
      client: `client-${unique()}`,
      field: "email",
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EmailRateLimitError);
    expect((refused as EmailRateLimitError).scope).toBe("recipient");
    expect((refused as EmailRateLimitError).field).toBe("email");
    expect((refused as Error).message).toMatch(
      new RegExp(
        `Too many emails were sent to ${to.replace(/\./g, "\\.")} recently\\. Try again in (2[0-4]|1\\d) minutes\\.`,
      ),
    );
  });

  it("lets a team send 30 emails in a row, whoever they go to", async () => {
    const teamId = `team-${unique()}`;
    for (let i = 0; i < 30; i++)
      await takeEmailAllowance({ recipient: `r${i}.${unique()}@example.test`, teamId });
    await expect(
      takeEmailAllowance({ recipient: `late.${unique()}@example.test`, teamId }),
    ).rejects.toThrow(/Your team has sent too many emails recently\. Try again in \d+ minutes?\./);
  });

  it("sendMail refuses the sixth message to one address and queues nothing for it", async () => {
    const to = `flood.${unique()}@example.test`;
    for (let i = 0; i < 5; i++) await sendMail({ to, subject: `n${i}`, text: "x" });
    await expect(sendMail({ to, subject: "n5", text: "x" })).rejects.toBeInstanceOf(
      EmailRateLimitError,
    );
  });

  it("review-request emails count against the team's allowance like every other email", async () => {
    const teamId = `team-${unique()}`;
    const reviewers = Array.from({ length: 31 }, (_, i) => ({
      id: `u${i}`,
      name: null,
      email: `rev${i}.${unique()}@example.test`,
    }));
    const request = (round: number, batch: typeof reviewers) =>
      sendReviewRequestEmails({
        teamId,
        reportId: `rep-${unique()}`,
        incidentId: "inc",
        incidentLabel: "INC-1: Test",
        round,
        requester: { name: "Ann", email: "ann@example.test" },
        reviewers: batch,
      });
    await request(1, reviewers.slice(0, 30));
    const refused = await request(2, reviewers.slice(30)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EmailRateLimitError);
    expect((refused as EmailRateLimitError).scope).toBe("team");
    expect((refused as EmailRateLimitError).field).toBe("reviewerIds");
  });
});
