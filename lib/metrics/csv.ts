// CSV for a dashboard table (pure): RFC 4180 quoting, and cells that a spreadsheet would run
// as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe, because the text comes
// from incidents anyone on the team can write.
import type { Cell } from "./dashboard";

function cell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(columns: string[], rows: Cell[][]): string {
  return [columns, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
