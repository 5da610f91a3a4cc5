"use client";
import { useEffect, useRef } from "react";
import { QUERY_MAX } from "@/lib/search/schema";

/** True when a key press belongs to something the user is typing in. */
function typingIn(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The header's search box: a plain GET form (works without JavaScript); `/` focuses it. */
export function HeaderSearch() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <form role="search" action="/search" method="get" className="relative w-full sm:w-56 xl:w-64">
      <label htmlFor="header-search" className="sr-only">
        Search incidents, timelines, 5 Whys, action items and reports
      </label>
      <input
        ref={input}
        id="header-search"
        name="q"
        type="search"
        maxLength={QUERY_MAX}
        placeholder="Search"
        aria-keyshortcuts="/"
        className="block w-full rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm shadow-sm placeholder:text-slate-500 focus:border-blue-600 focus:outline-2 focus:outline-blue-600"
      />
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-slate-300 px-1 text-xs text-slate-500"
      >
        /
      </kbd>
    </form>
  );
}
