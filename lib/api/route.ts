import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { addFieldError } from "@/lib/action-result";
import type { Permission } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { InputError } from "@/lib/errors";
import { defineRoute, errorResponse, jsonError } from "@/lib/server/route";
import { nulFieldErrors } from "@/lib/server/input-guard";
import { authenticateApiRequest, RateLimitedError, recordApiUse, type ApiContext } from "./auth";

type EmptyParams = z.ZodObject<Record<string, never>>;

/**
 * A REST endpoint under /api/v1: defineRoute with access "verified", where the verification is
 * the API token (lib/api/auth.ts). Answers 401 without a valid token, 403 when the token or its
 * creator's role does not allow the permission, 429 over the token's rate, and records every
 * authenticated use (last-used time + audit row with the status).
 */
export function apiRoute<PS extends z.ZodType = EmptyParams>(def: {
  permission: Permission;
  params?: PS;
  handler: (request: Request, args: { params: z.output<PS>; api: ApiContext }) => Promise<Response>;
}) {
  return defineRoute({
    access: "verified",
    params: def.params,
    handler: async (request, { params }) => {
      let api: ApiContext;
      try {
        api = await authenticateApiRequest(request, def.permission);
      } catch (error) {
        if (error instanceof RateLimitedError) {
          return NextResponse.json(
            { error: error.message },
            { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
          );
        }
        if (error instanceof AuthorizationError && error.kind === "unauthenticated") {
          return NextResponse.json(
            { error: error.message },
            { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="hindsight"' } },
          );
        }
        throw error;
      }
      let response: Response;
      try {
        response = await def.handler(request, { params: params as z.output<PS>, api });
      } catch (error) {
        response = apiError(error);
      }
      await recordApiUse(api, request, response.status);
      return response;
    },
  });
}

/** Domain errors → HTTP like every route, with zod's "unrecognized keys" named per field. */
export function apiError(error: unknown): Response {
  if (error instanceof BadRequest) return jsonError(400, error.message);
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys)
          addFieldError(fieldErrors, [...issue.path, key].join("."), "Unknown field.");
        continue;
      }
      addFieldError(fieldErrors, issue.path.join(".") || "_body", issue.message);
    }
    return jsonError(422, "Please correct the listed fields.", fieldErrors);
  }
  return errorResponse(error);
}

/** The JSON body, or a 400 InputError when it is not JSON or carries a NUL byte. */
export async function readJson(request: Request): Promise<unknown> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequest("The body is not valid JSON.");
  }
  const nul = nulFieldErrors(body);
  if (nul) throw new InputError(nul);
  return body;
}

export class BadRequest extends Error {}

export function json(data: unknown, status = 200): Response {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store" } });
}
