import { beforeEach, describe, expect, it, vi } from "vitest";
import { initialResult } from "@/lib/action-result";
import { requestSignInLink } from "@/lib/auth/actions";
import { signIn } from "@/lib/auth/config";
import { switchTeamAction } from "@/lib/teams/actions";
import { form, redirectOf } from "@/test/actions";
import { createTeamWithMembers } from "@/test/factory";
import { signInAs } from "@/test/session";

// next-auth's entry imports Next's server runtime; only its error class is used by the action.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));

// The bypasses the security test used, plus two more; each entry point must send them home.
const attacks = [
  "//evil.example/phish",
  "/\\evil.example",
  "/%09/evil.example",
  "/.//evil.example",
  "https:evil.example",
];

describe("every return URL goes through one sanitizer", () => {
  beforeEach(() => vi.mocked(signIn).mockClear());

  it.each(attacks)("requestSignInLink asks Auth.js to return to / for %j", async (callbackUrl) => {
    const result = await requestSignInLink(
      initialResult,
      form({ email: "victim@example.test", callbackUrl }),
    );
    expect(result.ok).toBe(true);
    expect(vi.mocked(signIn)).toHaveBeenCalledWith("nodemailer", {
      email: "victim@example.test",
      redirectTo: "/",
    });
  });

  it("requestSignInLink keeps a same-site path", async () => {
    await requestSignInLink(
      initialResult,
      form({ email: "victim@example.test", callbackUrl: "/invitations/abc" }),
    );
    expect(vi.mocked(signIn)).toHaveBeenCalledWith("nodemailer", {
      email: "victim@example.test",
      redirectTo: "/invitations/abc",
    });
  });

  it.each(attacks)("the team switcher returns to / for returnTo %j", async (returnTo) => {
    const { team, owner } = await createTeamWithMembers("Switch");
    signInAs(owner.id);
    expect(
      await redirectOf(switchTeamAction(initialResult, form({ teamId: team.id, returnTo }))),
    ).toBe("/");
  });
});
