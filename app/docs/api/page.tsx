import type { Metadata } from "next";
import { ApiReference } from "@/components/integrations/api-reference";
import { buildOpenApi } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return <ApiReference doc={buildOpenApi()} />;
}
