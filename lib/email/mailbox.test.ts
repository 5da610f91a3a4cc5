import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listMail, saveMail, type StoredMail } from "./mailbox";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const mail = (id: string, receivedAt: string): StoredMail => ({
  id,
  receivedAt,
  from: "hindsight@example.com",
  to: ["dana@example.com"],
  subject: `Message ${id}`,
  text: "Hello",
  html: null,
});

describe("the development mailbox", () => {
  it("keeps each message as one whole file and lists them newest first", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mailbox-"));
    dirs.push(dir);
    saveMail(dir, mail("a", "2026-12-04T10:00:00.000Z"));
    saveMail(dir, mail("b", "2026-12-04T11:00:00.000Z"));
    expect(readdirSync(dir).sort()).toEqual(["a.json", "b.json"]);
    expect(listMail(dir).map((m) => m.subject)).toEqual(["Message b", "Message a"]);
  });

  it("never reads a message still being written", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mailbox-"));
    dirs.push(dir);
    saveMail(dir, mail("a", "2026-12-04T10:00:00.000Z"));
    // What a write in progress leaves: half a JSON document under the temporary name.
    writeFileSync(path.join(dir, "b.json.partial"), '{"id":"b","receivedAt":');
    expect(listMail(dir).map((m) => m.id)).toEqual(["a"]);
  });
});
