import "server-only";
// GET handlers for a published version's 5 Whys diagram as an SVG file, for the readers of the
// shared link (/r/<token>/diagram.svg) and of the portal (/portal/reports/<id>/diagram.svg):
// the same gates as their pages (a live link, its guessing limit and its e-mail confirmation;
// an active grant for the signed-in address), the same audience (the customer version's drawing
// for a customer link or grant), cut from the same stored HTML (diagram-file.ts). Every refusal
// is one 404, as for attachments (lib/attachments/serve-routes.ts).
import { z } from "zod";
import { AuthorizationError, getCurrentUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { contentDisposition } from "@/lib/files/serve";
import { DRAWING_CSP } from "@/lib/security/headers";
import { defineRoute } from "@/lib/server/route";
import { linkForRequest } from "@/lib/sharing/link-request";
import { diagramFilename, diagramSvgFile } from "./diagram-file";
import { currentHtml, findPortalVersionHtml, variantForAudience } from "./published-html";

function svgResponse(html: string | null, versionTitle: string): Response {
  const svg = html && diagramSvgFile(html);
  if (!svg) throw new NotFoundError("Diagram");
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // A download, never a page of this origin; the name carries only the incident's number.
      "Content-Disposition": contentDisposition("attachment", diagramFilename(versionTitle)),
      "X-Content-Type-Options": "nosniff",
      // Opened directly anyway, it may draw with its inline styles and do nothing else.
      "Content-Security-Policy": DRAWING_CSP,
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "private, no-store",
    },
  });
}

/** /r/<token>/diagram.svg: the link must be valid now (no view is counted for a download). */
export const sharedDiagramRoute = defineRoute({
  access: "public",
  params: z.object({ token: z.string().max(200) }),
  async handler(request, { params }) {
    const link = await linkForRequest(request, params.token);
    if (link instanceof Response) return link;
    if (!link) throw new NotFoundError("Diagram");
    const html = await currentHtml(
      { id: link.reportVersionId, hasHtml: link.hasHtml, htmlRenderer: link.htmlRenderer },
      variantForAudience(link.audience),
    );
    return svgResponse(html, link.title);
  },
});

/** /portal/reports/<id>/diagram.svg: an active grant of this version to the signed-in address. */
export const portalDiagramRoute = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string().max(64) }),
  async handler(_request, { params }) {
    const user = await getCurrentUser();
    if (!user) throw new AuthorizationError("Sign in to download this diagram.", "unauthenticated");
    const version = await findPortalVersionHtml(user.email, params.versionId);
    if (!version) throw new NotFoundError("Diagram");
    return svgResponse(await currentHtml(version, version.variant), version.title);
  },
});
