// Where a file can be shown, as the upload form offers it (pure): the incident's supporting
// files, each enabled report section, each timeline event (by time and the start of its text).
import { formatTimestamp } from "@/lib/reports/snapshot";

interface Section {
  key: string;
  title: string;
  enabled: boolean;
}
interface Event {
  id: string;
  occurredAt: Date;
  body: string;
}

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

export function attachmentTargets(sections: Section[], events: Event[]) {
  const sectionTitle = new Map(sections.map((s) => [s.key, s.title]));
  const eventLabel = new Map(
    events.map((e) => [e.id, `${formatTimestamp(e.occurredAt.toISOString())} ${excerpt(e.body)}`]),
  );
  const options = [
    { value: "incident", label: "Supporting information (the incident)" },
    ...sections
      .filter((s) => s.enabled)
      .map((s) => ({ value: `section:${s.key}`, label: `Report section: ${s.title}` })),
    ...events.map((e) => ({ value: `event:${e.id}`, label: `Timeline: ${eventLabel.get(e.id)}` })),
  ];
  const describe = (a: { sectionKey: string | null; timelineEventId: string | null }) =>
    a.sectionKey
      ? `Section: ${sectionTitle.get(a.sectionKey) ?? a.sectionKey}`
      : a.timelineEventId
        ? `Timeline: ${eventLabel.get(a.timelineEventId) ?? "an event"}`
        : "Supporting information";
  return { options, describe };
}

interface Listed {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  caption: string;
  timelineEventId: string | null;
  sectionKey: string | null;
}

/** The files of one place (an event, a section) as the upload lists show them (no bytes, no dates). */
export function filesOf(list: Listed[], where: { eventId?: string; sectionKey?: string }) {
  return list
    .filter((a) =>
      where.eventId ? a.timelineEventId === where.eventId : a.sectionKey === where.sectionKey,
    )
    .map(({ id, filename, contentType, size, caption }) => ({
      id,
      filename,
      contentType,
      size,
      caption,
    }));
}
