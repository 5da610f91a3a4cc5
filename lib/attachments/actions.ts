"use server";
import { defineAction } from "@/lib/server/action";
import { removeAttachment } from "./mutations";
import { deleteAttachmentSchema } from "./schema";

/** Editors and owners remove an attachment (audited); published versions keep theirs. */
export const deleteAttachmentAction = defineAction({
  permission: "incident:write",
  input: deleteAttachmentSchema,
  incident: (input) => input.incidentId,
  run: ({ scope, ctx, input }) => removeAttachment(scope, ctx.user.id, input),
  message: (r) =>
    r.kept ? "Attachment removed. Published versions that show it keep it." : "Attachment removed.",
  revalidate: (_r, input) => [{ path: `/incidents/${input.incidentId}`, type: "layout" }],
});
