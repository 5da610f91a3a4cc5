import { alertWebhookRoute } from "@/lib/alerts/route";

export const POST = alertWebhookRoute;
