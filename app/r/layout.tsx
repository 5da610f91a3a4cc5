import type { Metadata } from "next";
import { ReaderShell } from "@/components/sharing/reader-shell";

// Shared links are private: never indexed, and never leaked onward through the Referer header.
export const metadata: Metadata = {
  title: "Shared incident report",
  robots: {
    index: false,
    follow: false,
    nocache: true,
    googleBot: { index: false, follow: false },
  },
  referrer: "no-referrer",
};

export default function SharedLinkLayout({ children }: { children: React.ReactNode }) {
  return <ReaderShell subtitle="Shared incident report">{children}</ReaderShell>;
}
