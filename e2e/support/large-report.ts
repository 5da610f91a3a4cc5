// A large After Action Report, shaped like the public postmortem issue 12 was tried with (a
// database outage): 9 key timeline events, a 17-node branching 5 Whys tree seven levels deep
// with 7 root causes, 8 action items with long titles and causes, and a narrative in every
// section. Used by the phone-viewport and stakeholder-PDF specs.
import { sampleSource } from "../../lib/reports/test-fixtures";
import type { ReportSource } from "../../lib/reports/snapshot";
import type { RootCauseCategory } from "../../lib/whys/tree";

const t = (hhmm: string) => new Date(`2026-01-31T${hhmm}:00Z`);
const para = (topic: string) =>
  `${topic}: the primary database's replication lag grew while the backup job and a cleanup ` +
  `script ran against the same volume, so the failover that followed took far longer than the ` +
  `runbook promised and every region served errors for part of the window.`;

// parent id, statement, root cause category (null: not a root cause)
const TREE: [string, string | null, string, RootCauseCategory | null][] = [
  ["w1", null, "The primary database stopped accepting writes", null],
  ["w2", "w1", "The data directory of the primary was deleted by a cleanup command", null],
  ["w3", "w2", "An engineer ran the cleanup on the primary instead of the replica", null],
  ["w4", "w3", "Both hosts' shells looked the same and the prompt did not name the role", null],
  ["w5", "w4", "Host prompts are set by hand and were never standardised", null],
  ["w6", "w5", "No configuration management owns the database hosts' shell settings", null],
  ["w7", "w6", "Database hosts were set up before the configuration repository existed", "TOOLING"],
  ["w8", "w3", "The replica had to be re-seeded late at night under pressure", null],
  ["w9", "w8", "Replication broke after a spike of load from a spam attack", "CAPACITY"],
  ["w10", "w2", "The cleanup command deletes without asking for confirmation", "TOOLING"],
  ["w11", "w1", "Restoring from backup took eighteen hours", null],
  ["w12", "w11", "The regular database dumps had silently been empty for months", null],
  ["w13", "w12", "The dump tool ran with a client version that refused the server", "TESTING"],
  [
    "w14",
    "w12",
    "Backup failure emails were rejected by the mail server and never seen",
    "MONITORING",
  ],
  ["w15", "w11", "The only usable copy was a staging snapshot on slow disks", null],
  ["w16", "w15", "Disk snapshots of production were never enabled", "PROCESS"],
  ["w17", "w15", "Nobody had tried a restore within the last year", "PROCESS"],
];

const ACTIONS: [string, string, string][] = [
  ["Name the host role (primary or replica) in every database shell prompt", "w7", "PREVENT"],
  ["Add a confirmation step to the cleanup command when run on a primary", "w10", "PREVENT"],
  ["Rate-limit sign-ups that match the spam pattern to protect replication", "w9", "MITIGATE"],
  ["Pin the dump tool's client version to the server's and test it in CI", "w13", "PREVENT"],
  ["Send backup failures to the paging system instead of email", "w14", "DETECT"],
  ["Enable hourly disk snapshots of the production database volumes", "w16", "MITIGATE"],
  ["Run and time a full restore from backup every month", "w17", "PROCESS"],
  ["Move database host setup into the configuration repository", "w7", "PREVENT"],
];

export function largeReportSource(title: string): ReportSource {
  const base = sampleSource();
  return {
    ...base,
    incident: {
      ...base.incident,
      title,
      startedAt: t("23:00"),
      detectedAt: t("23:27"),
      acknowledgedAt: t("23:30"),
      mitigatedAt: null,
      resolvedAt: null,
      summary: para("Summary"),
      customerImpact: para("Impact"),
      services: ["database", "web", "api", "background-jobs"],
      problemStatement: "Site down and six hours of data lost after a database outage",
    },
    keyEvents: [
      ["23:00", "ALERT", "Replication lag alert fired for the secondary database"],
      ["23:10", "ACTION", "Engineer stopped replication and started re-seeding the replica"],
      ["23:20", "ACTION", "Replica data directory removed to restart the re-seed"],
      ["23:27", "ACTION", "Cleanup command run on the primary by mistake; command stopped at once"],
      ["23:30", "DECISION", "Declared an incident; site put into maintenance mode"],
      ["23:45", "COMMUNICATION", "Status page updated: the site is down for emergency maintenance"],
      ["00:00", "ACTION", "Searched for a usable backup: dumps empty, no disk snapshots"],
      ["00:30", "DECISION", "Decided to restore from the six-hour-old staging snapshot"],
      ["01:00", "COMMUNICATION", "Live stream of the recovery announced to customers"],
    ].map(([hhmm, kind, body], i) => ({
      id: `e${i + 1}`,
      occurredAt: hhmm!.startsWith("0") ? new Date(`2026-02-01T${hhmm}:00Z`) : t(hhmm!),
      kind: kind!,
      body: body!,
      author: i % 2 ? "Yorick Peterson" : null,
    })),
    whyNodes: TREE.map(([id, parentId, statement, category], position) => ({
      id,
      parentId,
      statement,
      position,
      isRootCause: category !== null,
      category,
    })),
    actionItems: ACTIONS.map(([title, whyNodeId, type], i) => ({
      id: `a${i + 1}`,
      title,
      ownerName: i % 3 ? "Yorick Peterson" : null,
      dueDate: new Date(`2026-03-${String(10 + i).padStart(2, "0")}T00:00:00Z`),
      status: i % 4 === 0 ? "DONE" : "OPEN",
      priority: (["P1", "P2", "P3"] as const)[i % 3]!,
      trackerUrl: `https://tracker.example.test/issues/${100 + i}`,
      type: type as "PREVENT",
      whyNodeId,
    })),
    narrative: {
      summary: `${para("Summary")}\n\n${para("Data loss")}`,
      impact: para("Customer impact"),
      expected: `${para("Runbook")}\n\n- Failover within 30 seconds\n- Backups restorable within one hour`,
      detection: para("Detection"),
      response: `${para("Response")} Yorick Peterson (yorick@example.test) led the restore.`,
      recovery: para("Recovery"),
      trigger: para("Trigger"),
      contributing: para("Contributing factors"),
      wentWell: para("Went well"),
      wentWrong: para("Went wrong"),
      lucky: para("Lucky"),
    },
    author: { name: "Yorick Peterson", email: "yorick@example.test" },
    // Whose names the customer version replaces in free text.
    members: [{ name: "Yorick Peterson", email: "yorick@example.test" }],
  };
}
