"use client";
import { RouteError } from "@/components/ui/route-error";

export default function IncidentError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError reset={reset} what="this incident" />;
}
