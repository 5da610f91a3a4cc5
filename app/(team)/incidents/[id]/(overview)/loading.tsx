// Only the overview has a loading boundary: a Suspense boundary above pages that look up their
// own record (an action item, a report version) would stream their notFound() after a 200
// status. The tabs wait for their data instead (docs/decisions.md).
import { IncidentSkeleton } from "@/components/incidents/skeletons";

export default function Loading() {
  return <IncidentSkeleton />;
}
