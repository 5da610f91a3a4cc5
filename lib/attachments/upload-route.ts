import "server-only";
// POST /api/incidents/<id>/attachments: a browser upload (multipart, one file). A route handler
// rather than a server action so the browser can report upload progress (XMLHttpRequest) and so
// the size limit is checked before the body is read. Cookie-authenticated under /api/, so the
// Origin must be this host (the server-action origin check does not cover /api/).
import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { InputError, RuleError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { crossOriginActionResponse, originMatchesHost } from "@/lib/server/cross-origin";
import { nulFieldErrors } from "@/lib/server/input-guard";
import { defineRoute, jsonError } from "@/lib/server/route";
import { filenameForType, sanitizeFilename, sniffAttachment } from "./content-type";
import { createAttachment } from "./mutations";
import { uploadFieldsSchema } from "./schema";

/** Multipart framing and the small form fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

export function tooLargeMessage(max: number, size?: number) {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return `Files can be at most ${mb(max)}${size ? `; this one is ${mb(size)}` : ""}.`;
}

export const uploadAttachmentRoute = defineRoute({
  access: { permission: "incident:write" },
  params: z.object({ id: z.string().min(1).max(64) }),
  async handler(request, { params, scope, ctx }) {
    const incident = await findIncidentRef(scope, params.id);
    if (!incident) return jsonError(404, "Incident not found.");
    if (!originMatchesHost(request.headers)) return crossOriginActionResponse();
    const max = env().ATTACHMENT_MAX_BYTES;
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > max + FORM_OVERHEAD)
      throw new RuleError(tooLargeMessage(max, declared - FORM_OVERHEAD), "file");

    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new RuleError("The upload could not be read. Choose the file again.", "file");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new RuleError("Choose a file to attach.", "file");
    if (file.size > max) throw new RuleError(tooLargeMessage(max, file.size), "file");

    const fields: Record<string, string> = {};
    for (const key of ["target", "timelineEventId", "sectionKey", "caption"]) {
      const value = form.get(key);
      if (typeof value === "string") fields[key] = value;
    }
    const nul = nulFieldErrors({ ...fields, file: file.name });
    if (nul) throw new InputError(nul);
    const parsed = uploadFieldsSchema.safeParse(fields);
    if (!parsed.success) throw parsed.error;

    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = sanitizeFilename(file.name);
    const sniffed = sniffAttachment(bytes, name);
    if (!sniffed.ok) throw new RuleError(sniffed.message, "file");

    const attachment = await createAttachment(scope, ctx.user.id, {
      incidentId: incident.id,
      target: parsed.data.target,
      caption: parsed.data.caption,
      filename: filenameForType(name, sniffed.file.contentType),
      bytes,
      ...sniffed.file,
    });
    return NextResponse.json(
      { attachment: { ...attachment, url: `/api/attachments/${attachment.id}` } },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  },
});
