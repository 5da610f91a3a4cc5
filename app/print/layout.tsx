import type { Metadata } from "next";

export const metadata: Metadata = { robots: { index: false } };

// Print views: no team chrome and no navigation, A4 pages. Each page authorizes itself.
export default function PrintLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-white">
      <style>{`
        @media print {
          html, body { background: white; }
          .report-view { max-width: none; }
          h2, h3 { break-after: avoid; }
          .why-diagram li { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
      `}</style>
      <main id="main" className="mx-auto max-w-[210mm] px-6 py-8 print:p-0">
        {children}
      </main>
    </div>
  );
}
