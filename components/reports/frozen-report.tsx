"use client";
// A published version's frozen HTML inside a team page, sent once. Handed to React as a prop it
// travelled twice: in the page's HTML and again in the React Server Components payload that
// hydrates it (482 KB instead of 203 KB for the large bench report, issue 13). So the server
// component passes only the key of the HTML in the process's cache of published versions
// (lib/reports/html-cache.ts, filled just before by publishedHtml): server-side rendering reads
// the HTML from there; hydration keeps what the server sent (the element's own markup); after a
// client-side navigation (no server-rendered markup) the HTML is fetched from the print view.
import { useEffect, useId, useState } from "react";
import { publishedHtmlCache } from "@/lib/reports/html-cache";

/** h1 → h2: the report's title sits under the page's own h1 (as nestReportHtml on the server). */
const nest = (html: string) => html.replace(/<(\/?)h1\b/g, "<$1h2");

export function FrozenReportHtml({ cacheKey, src }: { cacheKey: string; src: string }) {
  const id = useId();
  const [html, setHtml] = useState<string | null>(() => {
    if (typeof window === "undefined") {
      const cached = publishedHtmlCache().get(cacheKey)?.html;
      return cached === undefined ? null : nest(cached);
    }
    const rendered = document.getElementById(id);
    return rendered && rendered.dataset.key === cacheKey ? rendered.innerHTML : null;
  });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (html !== null) return;
    let live = true;
    fetch(src, { credentials: "same-origin" })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const doc = new DOMParser().parseFromString(await res.text(), "text/html");
        const part = doc.querySelector("[data-report-html]");
        if (!part) throw new Error("no report in the answer");
        if (live) setHtml(nest(part.innerHTML));
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [html, src]);

  if (html === null)
    return (
      <p role="status" className="text-sm text-slate-700">
        {failed ? (
          <>
            The report could not be loaded.{" "}
            <a href={src} className="text-blue-800 underline">
              Open the print view
            </a>
            .
          </>
        ) : (
          "Loading the published report…"
        )}
      </p>
    );
  return (
    <div
      id={id}
      data-key={cacheKey}
      // Trusted, already-sanitized markup rendered at publish (components/reports/report-html.tsx).
      dangerouslySetInnerHTML={{ __html: html }}
      suppressHydrationWarning
    />
  );
}
