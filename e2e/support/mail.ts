import { expect } from "@playwright/test";
import { firstLink, listMail, type StoredMail } from "../../lib/email/mailbox";

const dir = () => {
  const d = process.env.E2E_MAILBOX_DIR;
  if (!d) throw new Error("E2E_MAILBOX_DIR is not set: run e2e tests with `npm run test:e2e`");
  return d;
};

/** Waits until the SMTP sink has received a mail to `to` matching `subject`, newer than `since`. */
export async function waitForMail(
  to: string,
  subject: RegExp,
  since = new Date(0),
): Promise<StoredMail> {
  let found: StoredMail | undefined;
  await expect
    .poll(
      () => {
        found = listMail(dir()).find(
          (m) =>
            m.to.includes(to.toLowerCase()) &&
            subject.test(m.subject) &&
            new Date(m.receivedAt) >= since,
        );
        return Boolean(found);
      },
      { message: `mail to ${to} matching ${subject}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

export function linkIn(mail: StoredMail, pathPrefix = "/"): string {
  const link = firstLink(mail.text, pathPrefix);
  if (!link) throw new Error(`No link to ${pathPrefix} in mail "${mail.subject}"`);
  return link;
}
