import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendMail } from "@/lib/email/send";
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
});
