import "server-only";
// GET handlers for an attachment's bytes, one per audience (see data.ts for the gates). Every
// refusal is the same 404: an id of another team, a version that does not reference it, a
// revoked or expired link and a missing grant are indistinguishable. The response itself comes
// from lib/files/serve.ts, shared with team logos.
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError, getCurrentUser, getTeamContext } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { fileResponse } from "@/lib/files/serve";
import { defineRoute } from "@/lib/server/route";
import { linkForRequest } from "@/lib/sharing/link-request";
import { getPortalAttachmentFile, getTeamAttachmentFile, getVersionAttachmentFile } from "./data";

const id = z.string().min(1).max(64);

/**
 * /api/attachments/<id>: a member of the attachment's team (any role), or a portal reader whose
 * granted report shows it. One address for both, so the stored report HTML needs no rewriting
 * in the portal or its print view (share links rewrite it to the route below).
 */
export const teamAttachmentRoute = defineRoute({
  access: "public",
  params: z.object({ id }),
  async handler(_request, { params }) {
    const user = await getCurrentUser();
    if (!user) throw new AuthorizationError("Sign in to see this file.", "unauthenticated");
    const ctx = await getTeamContext();
    const file =
      (ctx && can(ctx.role, "incident:read")
        ? await getTeamAttachmentFile(ctx.scope, params.id)
        : null) ?? (await getPortalAttachmentFile(user.email, params.id));
    if (!file) throw new NotFoundError("Attachment");
    return fileResponse(file, { cache: "private" });
  },
});

/** /r/<token>/files/<id>: the link must be valid now and its version must show the attachment. */
export const sharedAttachmentRoute = defineRoute({
  access: "public",
  params: z.object({ token: z.string().max(200), id }),
  async handler(request, { params }) {
    const link = await linkForRequest(request, params.token);
    if (link instanceof Response) return link;
    if (!link) throw new NotFoundError("Attachment");
    const file = await getVersionAttachmentFile(
      link.reportVersionId,
      params.id,
      link.audience === "CUSTOMER",
    );
    if (!file) throw new NotFoundError("Attachment");
    return fileResponse(file, { cache: "private" });
  },
});
