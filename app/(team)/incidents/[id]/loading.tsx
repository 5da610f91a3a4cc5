import { IncidentSkeleton } from "@/components/incidents/skeletons";

export default function Loading() {
  return <IncidentSkeleton />;
}
