"use client";
import { formatInZone, formatUtc } from "@/lib/incidents/local-time";
import { useTimeZone } from "./use-time-zone";

/**
 * An instant in the viewer's time zone, with UTC on hover. The server (which cannot know the
 * zone) renders UTC; the browser switches to local time once hydrated.
 */
export function LocalTime({
  iso,
  withSeconds = false,
  className,
}: {
  iso: string;
  withSeconds?: boolean;
  className?: string;
}) {
  const zone = useTimeZone();
  const date = new Date(iso);
  const text = zone
    ? formatInZone(date, zone, withSeconds)
    : `${formatInZone(date, "UTC", withSeconds)} UTC`;
  return (
    <time dateTime={iso} title={formatUtc(date)} className={className}>
      {text}
    </time>
  );
}
