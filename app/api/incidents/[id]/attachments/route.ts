import { uploadAttachmentRoute } from "@/lib/attachments/upload-route";

// Browser uploads of an attachment to the incident, a timeline event or a report section.
export const POST = uploadAttachmentRoute;
