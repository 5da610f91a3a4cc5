import Link from "next/link";

export default function PortalNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Report not available</h1>
      <p className="mt-2 text-slate-700">
        It was not shared with your address, or access has been revoked.
      </p>
      <p className="mt-6">
        <Link href="/portal" className="font-medium text-blue-700 underline">
          All reports shared with you
        </Link>
      </p>
    </div>
  );
}
