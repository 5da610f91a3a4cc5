// `/postmortem …` text → a command (pure). Unknown or malformed commands get the usage line.
import { SEVERITIES, STATUSES } from "@/lib/incidents/constants";

export type ChatCommand =
  | { name: "help" }
  | { name: "link" }
  | { name: "new"; title: string; severity: (typeof SEVERITIES)[number] }
  | { name: "note"; number: number; text: string }
  | { name: "status"; number: number; status: (typeof STATUSES)[number] | null }
  | { name: "whys"; number: number }
  | { name: "invalid"; message: string };

export const USAGE = [
  "`/postmortem new <title> [sev1-4]` open an incident",
  "`/postmortem note INC-n <text>` add a timeline note",
  "`/postmortem status INC-n [investigating|identified|monitoring|resolved|closed]` show or change the status",
  "`/postmortem whys INC-n` the problem statement and open 5 Whys branches",
  "`/postmortem link` connect your chat account to Hindsight (once)",
  "`/postmortem help` this list",
].join("\n");

const INC = /^(?:INC-)?(\d{1,9})$/i;

export function parseCommand(text: string): ChatCommand {
  const trimmed = text.trim();
  const [head = "", ...rest] = trimmed.split(/\s+/);
  const verb = head.toLowerCase();
  if (!verb || verb === "help") return { name: "help" };
  if (verb === "link") return { name: "link" };
  if (verb === "new") {
    const words = [...rest];
    const last = words.at(-1)?.toUpperCase();
    const severity =
      last && (SEVERITIES as readonly string[]).includes(last)
        ? (words.pop()!.toUpperCase() as (typeof SEVERITIES)[number])
        : "SEV3";
    const title = words.join(" ").trim();
    if (!title)
      return {
        name: "invalid",
        message: "Give the incident a title: `/postmortem new <title> [sev1-4]`.",
      };
    if (title.length > 200)
      return { name: "invalid", message: "Keep the title under 200 characters." };
    return { name: "new", title, severity };
  }
  if (verb === "note" || verb === "status" || verb === "whys") {
    const m = INC.exec(rest[0] ?? "");
    if (!m)
      return { name: "invalid", message: `Name the incident: \`/postmortem ${verb} INC-n …\`.` };
    const number = Number(m[1]);
    if (verb === "whys") return { name: "whys", number };
    if (verb === "note") {
      const noteText = trimmed.slice(trimmed.indexOf(rest[0]!) + rest[0]!.length).trim();
      if (!noteText)
        return {
          name: "invalid",
          message: "Write the note after the incident: `/postmortem note INC-n <text>`.",
        };
      return { name: "note", number, text: noteText.slice(0, 2000) };
    }
    const wanted = rest[1]?.toUpperCase();
    if (!wanted) return { name: "status", number, status: null };
    if (!(STATUSES as readonly string[]).includes(wanted))
      return {
        name: "invalid",
        message: `Unknown status “${rest[1]}”: use ${STATUSES.map((s) => s.toLowerCase()).join(", ")}.`,
      };
    return { name: "status", number, status: wanted as (typeof STATUSES)[number] };
  }
  return { name: "invalid", message: `Unknown command “${head}”.\n${USAGE}` };
}
