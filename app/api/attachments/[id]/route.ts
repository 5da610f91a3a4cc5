import { teamAttachmentRoute } from "@/lib/attachments/serve-routes";

// An attachment's bytes for members of its team (lib/attachments/serve-routes.ts).
export const dynamic = "force-dynamic";
export const GET = teamAttachmentRoute;
