import { sharedAttachmentRoute } from "@/lib/attachments/serve-routes";

// An attachment the shared version shows, for the link's holder (lib/attachments/serve-routes.ts).
export const dynamic = "force-dynamic";
export const GET = sharedAttachmentRoute;
