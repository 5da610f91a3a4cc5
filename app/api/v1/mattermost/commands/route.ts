import { mattermostCommandRoute } from "@/lib/chatops/route";

export const POST = mattermostCommandRoute;
