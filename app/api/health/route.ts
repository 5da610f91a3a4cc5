import { checkDatabase } from "@/lib/health/data";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  return Response.json({ status: database ? "ok" : "degraded", database }, { status: database ? 200 : 503 });
}
