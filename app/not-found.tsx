import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        This page does not exist, or you do not have access to it.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline">
          Go home
        </Link>
      </p>
    </main>
  );
}
