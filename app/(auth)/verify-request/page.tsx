import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default function VerifyRequestPage() {
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Check your email</h1>
      <p className="text-sm text-slate-700">
        We sent you a sign-in link. It works once and expires in one hour.
      </p>
      {env().DEV_MAILBOX_DIR && (
        <p className="mt-4 text-sm">
          <Link className="font-medium text-blue-700 underline" href="/dev/mailbox">
            Open the development mailbox
          </Link>
        </p>
      )}
      <p className="mt-4 text-sm">
        <Link className="text-slate-600 underline" href="/sign-in">
          Use a different address
        </Link>
      </p>
    </>
  );
}
