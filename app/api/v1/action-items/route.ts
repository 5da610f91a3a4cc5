import { listActionItemsRoute } from "@/lib/api/v1";

export const GET = listActionItemsRoute;
