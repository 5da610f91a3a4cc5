"use client";
import { RouteError } from "@/components/ui/route-error";

export default function IncidentsError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError reset={reset} what="the incidents" />;
}
