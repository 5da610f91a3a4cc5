import { ListSkeleton } from "@/components/incidents/skeletons";

export default function Loading() {
  return <ListSkeleton label="Loading incidents" />;
}
