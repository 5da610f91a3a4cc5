// A real SMTP server that accepts every message and stores it in a mailbox directory: the
// development mail catcher started by `npm start`, and the sink the tests read mail from.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { saveMail, type StoredMail } from "./mailbox";

export interface MailSink {
  port: number;
  url: string;
  close(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

export interface SinkOptions {
  dir: string;
  port?: number;
  onMail?: (mail: StoredMail) => void;
  /** Test hook: reject messages while this returns true (simulates an SMTP outage). */
  failWhile?: () => boolean;
}

export async function startMailSink({
  dir,
  port = 0,
  onMail,
  failWhile,
}: SinkOptions): Promise<MailSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      if (failWhile?.()) {
        stream.resume();
        stream.on("end", () =>
          callback(
            Object.assign(new Error("Mailbox unavailable (simulated outage)"), {
              responseCode: 451,
            }),
          ),
        );
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: StoredMail = {
            id: `${Date.now()}-${randomUUID()}`,
            receivedAt: new Date().toISOString(),
            from: addresses(parsed.from)[0] ?? session.envelope.mailFrom?.toString() ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
            messageId: parsed.messageId ?? null,
          };
          saveMail(dir, mail);
          onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
