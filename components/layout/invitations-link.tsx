import Link from "next/link";
import { countInvitationsForUser } from "@/lib/teams/data";

/** A quiet pointer to invitations from other teams, for people who already work in a team. */
export async function InvitationsLink({ userId, email }: { userId: string; email: string }) {
  const count = await countInvitationsForUser(userId, email);
  if (count === 0) return null;
  return (
    <Link
      href="/onboarding"
      className="rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-blue-200 hover:bg-blue-100"
    >
      {count} {count === 1 ? "invitation" : "invitations"}
    </Link>
  );
}
