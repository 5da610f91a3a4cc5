import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { addFieldError } from "@/lib/action-result";
import { scopeForVerifiedSource } from "@/lib/api/auth";
import { env } from "@/lib/env";
import { takeRateLimit } from "@/lib/rate-limit/store";
import { unseal } from "@/lib/jobs/seal";
import { defineRoute, jsonError } from "@/lib/server/route";
import { nulFieldErrors } from "@/lib/server/input-guard";
import { findSourceForWebhook } from "./data";
import { ingestAlerts, recordDelivery } from "./mutations";
import { parseAlerts } from "./parse";
import { deliveryKey, verifySentry, verifyToken } from "./verify";

const MAX_BODY_BYTES = 1_000_000;

/**
 * POST /api/v1/alerts/{sourceId}: one endpoint per source. The id only names the source; the
 * request must prove itself with the source's token header or (Sentry) its signature. Every
 * request to a known source is recorded for the settings page: accepted, duplicate, refused
 * and why. Refused and malformed requests change nothing else.
 */
export const alertWebhookRoute = defineRoute({
  access: "verified",
  params: z.object({ sourceId: z.string().min(1).max(40) }),
  handler: async (request, { params }) => {
    const source = await findSourceForWebhook(params.sourceId);
    if (!source || source.revokedAt) return jsonError(404, "Unknown alert source.");
    const scope = scopeForVerifiedSource({ teamId: source.teamId, verified: true });
    const refuse = async (
      status: number,
      reason: string,
      fieldErrors?: Record<string, string[]>,
    ) => {
      await recordDelivery(
        scope,
        source.id,
        "REFUSED",
        fieldErrors ? `${reason} ${Object.keys(fieldErrors).join(", ")}` : reason,
      );
      return jsonError(status, reason, fieldErrors);
    };

    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return refuse(413, "Body larger than 1 MB.");
    const verdict =
      source.kind === "SENTRY"
        ? verifySentry(
            request.headers,
            raw,
            unseal<string>(source.secretSealed!, env().AUTH_SECRET),
            new Date(),
          )
        : verifyToken(request.headers, source.tokenHash);
    if (!verdict.ok) return refuse(verdict.status, verdict.reason);
    // Per source, after the proof: a storm from one tool cannot starve the others. Not recorded
    // as a delivery (a flood would otherwise write a row per request).
    const { ALERT_RATE_BURST, ALERT_RATE_PER_SECOND } = env();
    const limit = await takeRateLimit(`alerts:${source.id}`, 1, new Date(), {
      capacity: ALERT_RATE_BURST,
      refillPerSecond: ALERT_RATE_PER_SECOND,
      floor: -Math.ceil(ALERT_RATE_PER_SECOND * 60),
    });
    if (!limit.allowed)
      return NextResponse.json(
        { error: "Too many deliveries from this source: slow down." },
        { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
      );
    if (source.kind === "SENTRY") {
      const resource = request.headers.get("sentry-hook-resource");
      // Installation and other resources are acknowledged but carry no alert.
      if (resource && resource !== "event_alert")
        return NextResponse.json({ ignored: resource }, { status: 200 });
    }

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, "The body is not JSON.");
    }
    const nul = nulFieldErrors(body);
    if (nul) return refuse(422, "The body contains a NUL character.", nul);
    let alerts;
    try {
      alerts = parseAlerts(source.kind, body);
    } catch (error) {
      if (error instanceof z.ZodError) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of error.issues)
          addFieldError(fieldErrors, issue.path.join(".") || "_body", issue.message);
        return refuse(422, `Not a ${source.kind.toLowerCase()} alert payload:`, fieldErrors);
      }
      throw error;
    }

    const result = await ingestAlerts(scope, source, alerts, deliveryKey(raw));
    if (result.outcome === "DUPLICATE")
      return NextResponse.json(
        { duplicate: true, message: "Already received: nothing changed." },
        { status: 200 },
      );
    return NextResponse.json(
      { accepted: alerts.length, incidents: result.incidents, summary: result.summary },
      { status: 202 },
    );
  },
});
