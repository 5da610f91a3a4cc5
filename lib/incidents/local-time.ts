// Wall-clock times in a named time zone <-> UTC instants, with Intl only (no I/O, no deps).
// datetime-local inputs carry no zone: the browser sends its IANA zone with the form and the
// server interprets the value there, so what the user typed is what they meant.

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Incidents happen in the computer age; earlier years are typos (0026 for 2026). */
export const MIN_YEAR = 1970;
export const YEAR_MESSAGE = `Enter a year from ${MIN_YEAR} on.`;

/** The field message for a date-time whose year is before MIN_YEAR, else null. */
export function yearProblem(local: string): string | null {
  const m = LOCAL_RE.exec(local.trim());
  return m && Number(m[1]) < MIN_YEAR ? YEAR_MESSAGE : null;
}

/** Date.UTC reads years 0–99 as 1900–1999; this does not. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(Date.UTC(2000, mo, d, h, mi, s));
  date.setUTCFullYear(y, mo, d);
  return date.getTime();
}

export function isValidTimeZone(zone: string): boolean {
  try {
    // Only valid zones are kept (a bounded set); an invalid one throws before it is cached.
    dateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Creating an Intl.DateTimeFormat costs about 40 times a format() call, and a page formats
// hundreds of timestamps: one formatter per (locale, zone, options), kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The shared formatter for these arguments (created on first use, then reused). */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function partsFormatter(zone: string) {
  return dateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(date: Date, zone: string) {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(date))
    if (part.type !== "literal") p[part.type] = Number(part.value);
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour % 24,
    minute: p.minute,
    second: p.second,
  };
}

/** Minutes to add to UTC to get the zone's wall clock at that instant. */
function offsetMinutes(date: Date, zone: string): number {
  const z = zonedParts(date, zone);
  const asUtc = utcMs(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * "2026-01-10T14:02" (or with seconds, or a space) read in `zone` → the UTC instant, or null
 * when the text is not a real local date-time. In a DST gap the later offset wins.
 */
export function zonedLocalToUtc(local: string, zone: string): Date | null {
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const naive = utcMs(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || check.getUTCFullYear() !== y)
    return null;
  if (!isValidTimeZone(zone)) return null;
  // Two passes settle the offset, including around DST changes.
  let guess = naive - offsetMinutes(new Date(naive), zone) * 60_000;
  guess = naive - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant as a datetime-local value ("YYYY-MM-DDTHH:mm") in `zone`. */
export function utcToZonedLocal(date: Date, zone: string): string {
  const z = zonedParts(date, zone);
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}`;
}

/** The calendar date ("YYYY-MM-DD") of an instant in `zone`. */
export function zonedDate(date: Date, zone: string): string {
  return utcToZonedLocal(date, zone).slice(0, 10);
}

/** "10 Jan 2026, 14:02" in `zone` (24-hour, unambiguous). */
export function formatInZone(date: Date, zone: string, withSeconds = false): string {
  return dateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  }).format(date);
}

/** "2026-01-10 14:02:00 UTC": the tooltip form. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
