const formatter = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dayFormatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** Shared pages render on the server for readers anywhere: times are shown in UTC, labelled. */
export function formatWhen(d: Date | null | undefined) {
  return d ? `${formatter.format(d)} UTC` : "never";
}

export function formatDay(d: Date) {
  return dayFormatter.format(d);
}
