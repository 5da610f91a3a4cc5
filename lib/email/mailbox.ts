// The development mailbox: a directory of received messages as JSON files, written by the
// mail catcher (lib/email/sink.ts) and read by its loopback-only page (mailbox-server.ts) and
// by the e2e tests.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface StoredMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID header as received (mails saved before it was kept have none). */
  messageId?: string | null;
}

/**
 * Writes the message whole or not at all: to a temporary name the readers skip, then renamed
 * (atomic on one file system). Written in place, a reader polling the directory (the e2e
 * tests' waitForMail) could read a half-written file: "Unexpected end of JSON input".
 */
export function saveMail(dir: string, mail: StoredMail) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${mail.id}.json`);
  writeFileSync(`${file}.partial`, JSON.stringify(mail, null, 2));
  renameSync(`${file}.partial`, file);
}

/** Newest first. */
export function listMail(dir: string): StoredMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as StoredMail)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
}

export function firstLink(text: string, pathPrefix = "/"): string | null {
  const urls = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  return urls.find((u) => new URL(u).pathname.startsWith(pathPrefix)) ?? null;
}
