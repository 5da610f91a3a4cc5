import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { invalid, type ActionResult } from "@/lib/action-result";
import type { Permission } from "@/lib/auth/permissions";
import type { TeamScope } from "@/lib/auth/scope";
import {
  AuthorizationError,
  authorize,
  getCurrentUser,
  type CurrentUser,
  type TeamContext,
} from "@/lib/auth/session";
import { InputError, NotFoundError } from "@/lib/errors";
import { findIncidentRef, type IncidentRef } from "@/lib/incidents/access";
import { runAction } from "@/lib/run-action";
import { nulFieldErrors } from "./input-guard";
import { toInputObject } from "./form-data";

/**
 * The one way to write a server action. The builder re-reads the session, checks the
 * permission against the role stored in the database, establishes the team scope, authorizes
 * the specific incident when the action names one, parses the input (FormData or an object)
 * with zod, maps domain errors to the one ActionResult, and revalidates. The body only mutates.
 *
 *   export const renameTeamAction = defineAction({
 *     permission: "team:manage",
 *     input: renameTeamSchema,
 *     revalidate: ["/settings"],
 *     run: ({ scope, ctx, input }) => renameTeam(scope, ctx.user.id, input.name),
 *   });
 *
 * The returned function works with `useActionState` (prev, formData), as a plain form action
 * (formData) and as a direct call with one argument (an object or a FormData). With `bind`,
 * the first arguments are values the page bound (`action.bind(null, incident.id)`): they are
 * merged into the input under those names (over any form field of the same name) and parsed
 * by the same schema, so a bound id is validated like any other field.
 */
export type ServerAction<R> = ((formData: FormData) => Promise<void>) &
  ((...args: unknown[]) => Promise<ActionResult<R>>);
// The first signature only lets `<form action={signOutAction}>` type-check (React wants a
// void result there); inference (useActionState) reads the last one, which every call matches.

/** A path to revalidate; `{ path, type: "layout" }` also revalidates everything below it. */
export type RevalidateTarget = string | { path: string; type: "layout" | "page" };

interface Common<S extends z.ZodType, R> {
  input: S;
  /** Names of leading bound arguments, merged into the input before parsing. */
  bind?: readonly string[];
  /** Success message shown by the form (a toast or inline notice). */
  message?: string | ((data: R, input: z.output<S>) => string | undefined);
  /** Message above the field errors when the input does not parse (default: "Please correct the highlighted fields."). */
  invalidMessage?: string;
  /** Paths to revalidate after success. */
  revalidate?: RevalidateTarget[] | ((data: R, input: z.output<S>) => RevalidateTarget[]);
  /** Where to go after success (after revalidation); undefined stays on the page with the result. */
  redirect?: string | ((data: R, input: z.output<S>) => string | undefined);
}

export interface TeamActionArgs<I> {
  input: I;
  ctx: TeamContext;
  scope: TeamScope;
  user: CurrentUser;
}

export interface IncidentActionArgs<I> extends TeamActionArgs<I> {
  incident: IncidentRef;
}

interface TeamDef<S extends z.ZodType, R> extends Common<S, R> {
  permission: Permission;
  incident?: undefined;
  run: (args: TeamActionArgs<z.output<S>>) => Promise<R>;
}

interface IncidentDef<S extends z.ZodType, R> extends Common<S, R> {
  permission: Permission;
  /** Which incident the action touches: it must be the caller's team's (else "not found"). */
  incident: (input: z.output<S>) => string;
  run: (args: IncidentActionArgs<z.output<S>>) => Promise<R>;
}

interface SignedInDef<S extends z.ZodType, R> extends Common<S, R> {
  /** Any signed-in user, team or not (onboarding, invitations, profile). */
  permission: "signed-in";
  run: (args: { input: z.output<S>; user: CurrentUser }) => Promise<R>;
}

interface PublicDef<S extends z.ZodType, R> extends Common<S, R> {
  /** No session needed (requesting a sign-in link). Rate limits belong in the body. */
  permission: "public";
  run: (args: { input: z.output<S> }) => Promise<R>;
}

type AnyDef<S extends z.ZodType, R> =
  TeamDef<S, R> | IncidentDef<S, R> | SignedInDef<S, R> | PublicDef<S, R>;

export const ACTION_BUILDER = Symbol.for("hindsight.defineAction");

export function defineAction<S extends z.ZodType, R = void>(
  def: IncidentDef<S, R>,
): ServerAction<R>;
export function defineAction<S extends z.ZodType, R = void>(def: TeamDef<S, R>): ServerAction<R>;
export function defineAction<S extends z.ZodType, R = void>(
  def: SignedInDef<S, R>,
): ServerAction<R>;
export function defineAction<S extends z.ZodType, R = void>(def: PublicDef<S, R>): ServerAction<R>;
export function defineAction<S extends z.ZodType, R>(def: AnyDef<S, R>): ServerAction<R> {
  const bound = def.bind ?? [];
  const action = async (...args: unknown[]): Promise<ActionResult<R>> => {
    const raw = rawInput(bound, args);
    let target: string | undefined;
    const result = await runAction<R>(async () => {
      try {
        const data = await execute(def, raw);
        const input = data.input;
        const paths =
          typeof def.revalidate === "function"
            ? def.revalidate(data.result, input)
            : def.revalidate;
        for (const t of paths ?? []) {
          if (typeof t === "string") revalidatePath(t);
          else revalidatePath(t.path, t.type);
        }
        target =
          typeof def.redirect === "function" ? def.redirect(data.result, input) : def.redirect;
        const message =
          typeof def.message === "function" ? def.message(data.result, input) : def.message;
        return { ok: true, message, data: data.result };
      } catch (error) {
        if (def.invalidMessage && error instanceof z.ZodError)
          return invalid(error, def.invalidMessage);
        throw error;
      }
    });
    // Next's redirect throws; it must happen outside runAction, after the revalidation.
    if (result.ok && target) redirect(target);
    return result;
  };
  Object.defineProperty(action, ACTION_BUILDER, { value: true });
  return action as ServerAction<R>;
}

/**
 * The raw input from the call's arguments: bound values first (named by `bind`), then either
 * (previousState, formData) from useActionState, (formData) from a plain form action, or one
 * object / FormData from a direct call.
 */
function rawInput(bound: readonly string[], args: unknown[]): unknown {
  const rest = args.slice(bound.length);
  const payload = toInputObject(rest[1] instanceof FormData ? rest[1] : rest[0]);
  if (!bound.length) return payload;
  const base =
    payload && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : {};
  const merged: Record<string, unknown> = { ...base };
  bound.forEach((name, i) => (merged[name] = args[i]));
  return merged;
}

async function execute<S extends z.ZodType, R>(
  def: AnyDef<S, R>,
  raw: unknown,
): Promise<{ result: R; input: z.output<S> }> {
  if (def.permission === "public") {
    const input = parse(def.input, raw);
    return { result: await def.run({ input }), input };
  }
  if (def.permission === "signed-in") {
    const user = await getCurrentUser();
    if (!user)
      throw new AuthorizationError("Your session has ended. Sign in again.", "unauthenticated");
    const input = parse(def.input, raw);
    return { result: await def.run({ input, user }), input };
  }
  const ctx = await authorize(def.permission);
  const input = parse(def.input, raw);
  const base = { input, ctx, scope: ctx.scope, user: ctx.user };
  if (def.incident) {
    const incident = await findIncidentRef(ctx.scope, def.incident(input));
    if (!incident) throw new NotFoundError("Incident");
    return { result: await def.run({ ...base, incident }), input };
  }
  return { result: await (def as TeamDef<S, R>).run(base), input };
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const nul = nulFieldErrors(raw);
  if (nul) throw new InputError(nul);
  return schema.parse(raw) as z.output<S>;
}
