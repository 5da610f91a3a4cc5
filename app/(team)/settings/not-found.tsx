import Link from "next/link";

export default function SettingsNotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        This setting does not exist, or your role cannot open it.
      </p>
      <p className="mt-6">
        <Link href="/settings" className="text-blue-700 underline">
          All settings
        </Link>
      </p>
    </div>
  );
}
