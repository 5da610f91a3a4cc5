// Pure invitation rules (no I/O): when an invitation expires and what state it is in.

export const INVITATION_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export function invitationExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITATION_TTL_DAYS * DAY_MS);
}

export function invitationState(
  inv: { createdAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  now = new Date(),
): InvitationState {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return now.getTime() >= invitationExpiresAt(inv.createdAt).getTime() ? "expired" : "pending";
}

/** Whole days left before expiry, rounded up (0 once expired), for "expires in 3 days". */
export function daysUntilExpiry(createdAt: Date, now = new Date()): number {
  return Math.max(
    0,
    Math.ceil((invitationExpiresAt(createdAt).getTime() - now.getTime()) / DAY_MS),
  );
}

/** Email addresses compare case-insensitively: Alice@Example.com may accept alice@example.com's invitation. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Why an invitation cannot be accepted, in words for the person holding the link; null when it can. */
export function invitationProblem(state: InvitationState): string | null {
  switch (state) {
    case "pending":
      return null;
    case "accepted":
      return "This invitation has already been accepted.";
    case "revoked":
      return "This invitation was withdrawn by the team. Ask a team owner for a new one.";
    case "expired":
      return `This invitation has expired (invitations last ${INVITATION_TTL_DAYS} days). Ask a team owner to send a new one.`;
  }
}
