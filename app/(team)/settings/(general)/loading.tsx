import { Spinner } from "@/components/ui/spinner";

// Only the general page streams behind a spinner: a loading boundary above the owner-only
// settings pages would stream their notFound() under a 200 (the authorization matrix checks 404).
export default function SettingsLoading() {
  return (
    <div className="py-10 text-sm text-slate-600">
      <Spinner label="Loading settings…" />
    </div>
  );
}
