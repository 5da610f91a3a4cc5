"use client";
import { createContext, createElement, useContext, useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

const PreferredZone = createContext<string | null>(null);

/** The time zone chosen in the user's profile, when they chose one; it wins over the browser's. */
export function TimeZoneProvider({
  zone,
  children,
}: {
  zone: string | null;
  children: React.ReactNode;
}) {
  return createElement(PreferredZone.Provider, { value: zone }, children);
}

/**
 * The viewer's IANA time zone: the profile's if set (known on the server too), else the
 * browser's — null during server rendering and hydration in that case.
 */
export function useTimeZone(): string | null {
  const preferred = useContext(PreferredZone);
  const browser = useSyncExternalStore(subscribe, browserZone, () => null);
  return preferred ?? browser;
}
