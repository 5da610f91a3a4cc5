/** A calendar date in the viewer's time zone (UTC when they have not chosen one). */
export function formatDate(date: Date, timeZone: string | null | undefined) {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeZone: timeZone ?? "UTC",
  }).format(date);
}
