import { describe, expect, it } from "vitest";
import { DELIVERY_MESSAGES, displayDeliveryError, friendlyDeliveryError } from "./delivery-error";

describe("delivery errors shown to team members", () => {
  it.each([
    [
      {
        responseCode: 550,
        response: "550 5.1.1 <x@corp.internal>: Recipient address rejected: mx-17.corp.internal",
      },
      DELIVERY_MESSAGES.recipient,
    ],
    [
      { responseCode: 451, response: "451 4.3.0 Mailbox unavailable (simulated outage)" },
      DELIVERY_MESSAGES.temporary,
    ],
    [
      { responseCode: 535, response: "535 5.7.8 Authentication credentials invalid" },
      DELIVERY_MESSAGES.configuration,
    ],
    [
      { code: "EAUTH", message: "Invalid login: 535 user smtp-prod@10.0.0.5" },
      DELIVERY_MESSAGES.configuration,
    ],
    [
      { code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.5:587" },
      DELIVERY_MESSAGES.unreachable,
    ],
    [new Error("something odd at 10.0.0.5"), DELIVERY_MESSAGES.unknown],
  ])("turns %o into a fixed sentence", (error, expected) => {
    expect(friendlyDeliveryError(error)).toBe(expected);
  });

  it("never displays a raw reason stored before this rule", () => {
    expect(
      displayDeliveryError("SMTP 550: 5.1.1 <x@corp.internal> rejected by mx-17.corp.internal"),
    ).toBe(DELIVERY_MESSAGES.unknown);
    expect(displayDeliveryError(DELIVERY_MESSAGES.temporary)).toBe(DELIVERY_MESSAGES.temporary);
  });
});
