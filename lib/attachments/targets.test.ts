import { describe, expect, it } from "vitest";
import { filesOf } from "./targets";

const file = (id: string, where: { timelineEventId?: string; sectionKey?: string }) => ({
  id,
  filename: `${id}.png`,
  contentType: "image/png",
  size: 10,
  caption: "",
  timelineEventId: where.timelineEventId ?? null,
  sectionKey: where.sectionKey ?? null,
  createdAt: new Date(),
});

describe("filesOf", () => {
  const list = [
    file("a", { timelineEventId: "e1" }),
    file("b", { sectionKey: "summary" }),
    file("c", {}),
    file("d", { timelineEventId: "e2" }),
  ];

  it("lists one event's or one section's files, never the incident's own", () => {
    expect(filesOf(list, { eventId: "e1" }).map((f) => f.id)).toEqual(["a"]);
    expect(filesOf(list, { sectionKey: "summary" }).map((f) => f.id)).toEqual(["b"]);
    expect(filesOf(list, { sectionKey: "impact" })).toEqual([]);
  });

  it("carries what the list shows and nothing else", () => {
    expect(filesOf(list, { eventId: "e2" })).toEqual([
      { id: "d", filename: "d.png", contentType: "image/png", size: 10, caption: "" },
    ]);
  });
});
