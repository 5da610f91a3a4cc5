import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { addFieldError } from "@/lib/action-result";
import type { Permission } from "@/lib/auth/permissions";
import type { TeamScope } from "@/lib/auth/scope";
import { AuthorizationError, authorize, type TeamContext } from "@/lib/auth/session";
import { ConflictError, InputError, NotFoundError, RuleError } from "@/lib/errors";
import { nulFieldErrors } from "./input-guard";

/**
 * The one wrapper for route handlers. It parses the dynamic params with zod (a malformed id
 * is "not found"; a NUL byte 400), authenticates and authorizes by the chosen access, and
 * maps domain errors to JSON answers: 401 no session / token, 403 not allowed, 404 not found
 * (also another team's record), 409 conflict, 422 invalid input with field errors.
 *
 * access:
 * - { permission }  a signed-in team member whose role has the permission (scope minted here)
 * - "public"        anyone (health, shared links: the handler checks its own token)
 * - "verified"      the handler verifies a signature or API token itself (webhooks, API);
 *                   it must mint the scope through lib/auth's gates, never from the request
 */
export type RouteAccess = { permission: Permission } | "public" | "verified";

export interface TeamRouteArgs<P> {
  params: P;
  ctx: TeamContext;
  scope: TeamScope;
}

export interface OpenRouteArgs<P> {
  params: P;
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };
type RouteHandler = (request: Request, context?: NextRouteContext) => Promise<Response>;
type EmptyParams = z.ZodObject<Record<string, never>>;

export const ROUTE_BUILDER = Symbol.for("hindsight.defineRoute");

export function defineRoute<PS extends z.ZodType = EmptyParams>(def: {
  access: { permission: Permission };
  params?: PS;
  handler: (request: Request, args: TeamRouteArgs<z.output<PS>>) => Promise<Response>;
}): RouteHandler;
export function defineRoute<PS extends z.ZodType = EmptyParams>(def: {
  access: "public" | "verified";
  params?: PS;
  handler: (request: Request, args: OpenRouteArgs<z.output<PS>>) => Promise<Response>;
}): RouteHandler;
export function defineRoute(def: {
  access: RouteAccess;
  params?: z.ZodType;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (request: Request, args: any) => Promise<Response>;
}): RouteHandler {
  const route = async (request: Request, context?: NextRouteContext): Promise<Response> => {
    try {
      const rawParams = (await context?.params) ?? {};
      if (nulFieldErrors(rawParams))
        return jsonError(400, "The address contains a character that is not allowed.");
      const parsed = (def.params ?? z.object({})).safeParse(rawParams);
      if (!parsed.success) return jsonError(404, "Not found.");
      if (typeof def.access === "object") {
        const ctx = await authorize(def.access.permission);
        return await def.handler(request, { params: parsed.data, ctx, scope: ctx.scope });
      }
      return await def.handler(request, { params: parsed.data });
    } catch (error) {
      return errorResponse(error);
    }
  };
  Object.defineProperty(route, ROUTE_BUILDER, { value: true });
  return route;
}

export function jsonError(
  status: number,
  message: string,
  fieldErrors?: Record<string, string[] | undefined>,
) {
  return NextResponse.json(
    { error: message, ...(fieldErrors ? { fieldErrors } : {}) },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Domain errors → HTTP. Unknown errors are rethrown for Next's error logging (500). */
export function errorResponse(error: unknown): Response {
  if (error instanceof AuthorizationError)
    return jsonError(error.kind === "unauthenticated" ? 401 : 403, error.message);
  if (error instanceof NotFoundError) return jsonError(404, error.message);
  if (error instanceof ConflictError) {
    return NextResponse.json(
      { error: error.message, conflict: { current: error.current, changed: error.changed } },
      { status: 409 },
    );
  }
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues)
      addFieldError(fieldErrors, issue.path.join(".") || "_form", issue.message);
    return jsonError(422, "Please correct the highlighted fields.", fieldErrors);
  }
  if (error instanceof InputError) return jsonError(422, error.message, error.fieldErrors);
  if (error instanceof RuleError)
    return jsonError(
      422,
      error.message,
      error.field ? { [error.field]: [error.message] } : undefined,
    );
  throw error;
}
