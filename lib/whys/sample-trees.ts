// A real-looking branching 5 Whys tree (modelled on a public postmortem of a database outage:
// 17 causes, 7 root causes) for the diagram's unit tests, the e2e specs that seed it and the
// print check. Flat WhyNodeData rows, as stored; buildTree() nests them.
import type { RootCauseCategory, WhyNodeData } from "./tree";

type Row = [id: string, parent: string | null, statement: string, category?: RootCauseCategory];

const OUTAGE: Row[] = [
  ["a", null, "An engineer deleted the primary's data directory instead of the secondary's"],
  ["a1", "a", "Both shells looked the same: the host names differed by one digit"],
  ["a1x", "a1", "Terminal prompts do not show the host's role", "TOOLING"],
  ["a2", "a", "Replication had to be rebuilt by hand late at night"],
  ["a2a", "a2", "Replication broke under a spike of load from spam accounts"],
  ["a2ax", "a2a", "WAL retention was too small to survive a lag spike", "CAPACITY"],
  ["a2x", "a2", "There was no runbook for reseeding a secondary", "PROCESS"],
  ["b", null, "Restoring the database took 18 hours"],
  ["b1", "b", "The nightly backups in object storage were empty"],
  ["b1a", "b1", "pg_dump ran with the wrong major version and failed silently"],
  [
    "b1ax",
    "b1a",
    "Backup failure emails were rejected by the mail provider's DMARC policy, so nobody ever saw them",
    "MONITORING",
  ],
  ["b1x", "b1", "Restores were never tested", "TESTING"],
  ["b2", "b", "The only usable copy was a staging snapshot six hours old"],
  ["b2a", "b2", "Disk snapshots were not enabled for the database hosts"],
  ["b2ax", "b2a", "Nobody owned the backup strategy end to end", "KNOWLEDGE"],
  ["b3", "b", "Copying the snapshot across slow network disks took hours"],
  ["b3x", "b3", "Staging used the cloud provider's slowest disk class", "DEPENDENCY"],
];

/** Three more causes: the 20-node tree the print check puts on one landscape page. */
const STATUS: Row[] = [
  ["c", null, "Customers learned about the outage from social media first"],
  ["c1", "c", "The status page was updated an hour after the incident began"],
  ["c1x", "c1", "No one was assigned to external communication", "COMMUNICATION"],
];

function rows(list: Row[]): WhyNodeData[] {
  return list.map(([id, parentId, statement, category], i) => ({
    id,
    parentId,
    statement,
    position: i,
    isRootCause: Boolean(category),
    category: category ?? null,
  }));
}

export const OUTAGE_PROBLEM =
  "GitLab.com was down for 18 hours and lost six hours of production data";
/** 17 causes, 7 root causes. */
export const outageTree = (): WhyNodeData[] => rows(OUTAGE);
/** 20 causes, 8 root causes. */
export const outageTree20 = (): WhyNodeData[] => rows([...OUTAGE, ...STATUS]);
