import { expect, it, vi } from "vitest";
import { createWhyNodeAction } from "@/lib/whys/actions";
import { signInAs } from "@/test/session";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { subscribeWhys, whysListenerConnected } from "./whys-hub";

it("delivers committed 5 Whys changes to the subscribers of that incident only", async () => {
  const { team, editor } = await createTeamWithMembers("Hub");
  const watched = await createIncident(team.id, editor.id);
  const other = await createIncident(team.id, editor.id);
  const heard = vi.fn();
  const unsubscribe = await subscribeWhys(watched.id, heard);
  expect(whysListenerConnected()).toBe(true);
  signInAs(editor.id, team.id);

  await createWhyNodeAction({
    incidentId: other.id,
    parentId: null,
    statement: "Not for this subscriber",
  });
  await createWhyNodeAction({
    incidentId: watched.id,
    parentId: null,
    statement: "For this subscriber",
  });
  const { whysVersion } = await testDb.incident.findUniqueOrThrow({ where: { id: watched.id } });
  await expect.poll(() => heard.mock.calls.length, { timeout: 5000 }).toBe(1);
  expect(heard).toHaveBeenCalledWith({ incidentId: watched.id, version: whysVersion });

  // A second subscriber to the same incident is the barrier: once it has heard the next change,
  // the first would have heard it too, had unsubscribing not worked.
  const barrier = vi.fn();
  const stopBarrier = await subscribeWhys(watched.id, barrier);
  unsubscribe();
  await createWhyNodeAction({
    incidentId: watched.id,
    parentId: null,
    statement: "After unsubscribing",
  });
  const after = await testDb.incident.findUniqueOrThrow({ where: { id: watched.id } });
  await expect
    .poll(() => barrier.mock.calls.map(([event]) => event.version), { timeout: 5000 })
    .toContain(after.whysVersion);
  stopBarrier();
  expect(heard).toHaveBeenCalledTimes(1);
});
