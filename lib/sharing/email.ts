// The share email (pure): HTML and plain text, every user-provided string escaped.
import { escapeHtml } from "@/lib/html/escape";
import type { OutgoingMail } from "@/lib/email/types";

export interface ShareEmailInput {
  to: string;
  url: string;
  reportTitle: string;
  incidentKey: string;
  summary: string;
  sharerName: string;
  /** The publishing team's name and logo head the email (issue 12). */
  teamName?: string | null;
  logoUrl?: string | null;
  message: string | null;
  expiresAt: Date;
  confirmEmail: boolean;
}

const fmtDate = (d: Date) =>
  d.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

export function shareEmail(i: ShareEmailInput): OutgoingMail {
  const summary = i.summary.trim().slice(0, 600);
  const access = i.confirmEmail
    ? `To open it, confirm this email address (${i.to}): the page sends you a one-time sign-in link.`
    : "Anyone with this link can read the report, so please do not forward it.";
  const expiry = `The link works until ${fmtDate(i.expiresAt)}.`;
  const text = [
    `${i.sharerName} shared an incident report with you.`,
    "",
    `${i.incidentKey}: ${i.reportTitle}`,
    ...(summary ? ["", summary] : []),
    ...(i.message ? ["", `Message from ${i.sharerName}:`, i.message] : []),
    "",
    `Read the report: ${i.url}`,
    "",
    access,
    expiry,
  ].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:24px auto;padding:0 16px">
${i.logoUrl ? `<p style="margin:0 0 12px"><img src="${e(i.logoUrl)}" alt="${e(i.teamName ? `${i.teamName} logo` : "Team logo")}" height="40" style="height:40px;width:auto"></p>` : ""}${i.teamName ? `<p style="margin:0 0 8px;font-weight:600">${e(i.teamName)}</p>` : ""}
<p style="margin:0 0 8px;color:#4b5563">${e(i.sharerName)} shared an incident report with you.</p>
<h1 style="font-size:20px;margin:0 0 12px">${e(i.incidentKey)}: ${e(i.reportTitle)}</h1>
${summary ? `<p style="margin:0 0 16px">${e(summary)}</p>` : ""}
${i.message ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd5e1;white-space:pre-wrap">${e(i.message)}</blockquote>` : ""}
<p><a href="${e(i.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Read the report</a></p>
<p style="color:#4b5563;font-size:13px">${e(access)} ${e(expiry)}</p>
<p style="color:#6b7280;font-size:13px">Or paste this link into your browser: ${e(i.url)}</p>
</body></html>`;
  return {
    to: i.to,
    subject: `Incident report: ${i.incidentKey} ${i.reportTitle}`.slice(0, 200),
    text,
    html,
  };
}
