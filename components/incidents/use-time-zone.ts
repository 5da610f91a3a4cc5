"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The viewer's IANA time zone; null during server rendering and hydration. */
export function useTimeZone(): string | null {
  return useSyncExternalStore(subscribe, browserZone, () => null);
}
