"use server";
import { defineAction } from "@/lib/server/action";
import { createApiToken, revokeApiToken } from "./mutations";
import { createApiTokenSchema, revokeApiTokenSchema } from "./schema";

export const createApiTokenAction = defineAction({
  permission: "team:manage",
  input: createApiTokenSchema,
  revalidate: ["/settings/api-tokens"],
  message: "Token created. Copy it now: it will not be shown again.",
  run: ({ scope, user, input }) => createApiToken(scope, user.id, input),
});

export const revokeApiTokenAction = defineAction({
  permission: "team:manage",
  input: revokeApiTokenSchema,
  revalidate: ["/settings/api-tokens"],
  message: "Token revoked: requests with it are refused from now on.",
  run: ({ scope, user, input }) => revokeApiToken(scope, user.id, input.tokenId),
});
