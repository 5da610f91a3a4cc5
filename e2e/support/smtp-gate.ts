// An SMTP server for the fault tests that records every message it accepted (answered 250) and
// can hold messages: after `holdAfter(n)` it accepts n more and then keeps each further message
// waiting for its answer. A client that disappears meanwhile (a killed worker) never got a 250,
// so by SMTP's rules the message was not delivered and is dropped, as a real server does when
// the connection is lost before it answers.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Delivery {
  to: string;
  subject: string;
  text: string;
  at: number;
}

export interface SmtpGate {
  url: string;
  delivered: Delivery[];
  /** Messages waiting for their answer right now. */
  held(): number;
  /** Messages dropped because the sender vanished before the answer. */
  dropped(): number;
  holdAfter(n: number): void;
  /** Accepts every held message and stops holding. */
  release(): void;
  /** How many accepted messages went to `to`. */
  count(to: string): number;
  close(): Promise<void>;
}

export async function startSmtpGate(): Promise<SmtpGate> {
  const delivered: Delivery[] = [];
  let budget = Number.POSITIVE_INFINITY;
  let dropped = 0;
  const waiting = new Map<string, () => void>();
  // A connection can close while its last message is still being parsed: remember it.
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const accept = () => {
            delivered.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(","),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              at: Date.now(),
            });
            callback();
          };
          if (closed.has(session.id)) {
            dropped += 1;
            return;
          }
          if (budget <= 0) {
            waiting.set(session.id, accept);
            return;
          }
          budget -= 1;
          accept();
        },
        (error: Error) => callback(error),
      );
    },
    onClose(session) {
      closed.add(session.id);
      if (waiting.delete(session.id)) dropped += 1;
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    held: () => waiting.size,
    dropped: () => dropped,
    holdAfter: (n) => {
      budget = n;
    },
    release: () => {
      budget = Number.POSITIVE_INFINITY;
      for (const [id, accept] of waiting) {
        waiting.delete(id);
        accept();
      }
    },
    count: (to) => delivered.filter((d) => d.to === to.toLowerCase()).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
