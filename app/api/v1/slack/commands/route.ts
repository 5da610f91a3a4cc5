import { slackCommandRoute } from "@/lib/chatops/route";

export const POST = slackCommandRoute;
