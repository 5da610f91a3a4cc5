import { Spinner } from "@/components/ui/spinner";

export default function SettingsLoading() {
  return (
    <div className="py-10 text-sm text-slate-600">
      <Spinner label="Loading settings…" />
    </div>
  );
}
