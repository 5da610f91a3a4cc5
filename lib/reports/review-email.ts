import "server-only";
import { sendMail, simpleHtmlEmail } from "@/lib/email/send";
import { env } from "@/lib/env";

/**
 * Tells each named reviewer that a report waits for them (one email per reviewer and round).
 * Each email takes from the recipient's, the client's and the team's allowance, like every
 * other email (a refusal throws EmailRateLimitError after the earlier reviewers were emailed).
 */
export async function sendReviewRequestEmails(args: {
  /** The team the report belongs to: each email counts against its sending limit. */
  teamId: string;
  reportId: string;
  incidentId: string;
  incidentLabel: string;
  round: number;
  requester: { name: string | null; email: string };
  reviewers: { id: string; name: string | null; email: string }[];
}) {
  const url = new URL(`/incidents/${args.incidentId}/report`, env().APP_URL).toString();
  const who = args.requester.name ?? args.requester.email;
  for (const r of args.reviewers) {
    const lines = [
      `${who} asked you to review the After Action Report for ${args.incidentLabel}.`,
      "Approve it or request changes, with comments on any section.",
    ];
    await sendMail(
      {
        to: r.email,
        subject: `Review requested: ${args.incidentLabel}`,
        text: `${lines.join("\n\n")}\n\n${url}`,
        html: simpleHtmlEmail({
          heading: "A report is waiting for your review",
          paragraphs: lines,
          actionLabel: "Open the report",
          actionUrl: url,
        }),
      },
      {
        key: `report-review:${args.reportId}:${args.round}:${r.id}`,
        limit: { teamId: args.teamId, field: "reviewerIds" },
      },
    );
  }
}
