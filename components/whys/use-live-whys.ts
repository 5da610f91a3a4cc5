"use client";
import { useEffect, useRef, useState } from "react";
import type { WhySession } from "@/lib/whys/types";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "stopped";

/**
 * Follows the incident's 5 Whys stream (SSE) and refetches the tree whenever another person's
 * change makes the server's version newer than ours. EventSource reconnects by itself after a
 * drop; when the server refuses (signed out, 404) we retry slowly instead of giving up.
 */
export function useLiveWhys(
  incidentId: string,
  currentVersion: () => number,
  onSession: (s: WhySession) => void,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef({ currentVersion, onSession });
  useEffect(() => {
    latest.current = { currentVersion, onSession };
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let fetching = false;
    let again = false;
    let disposed = false;

    const refetch = async () => {
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      try {
        const response = await fetch(`/api/incidents/${incidentId}/whys`, { cache: "no-store" });
        if (response.ok && !disposed)
          latest.current.onSession((await response.json()) as WhySession);
      } catch {
        // The stream's reconnect will trigger another refetch.
      } finally {
        fetching = false;
        if (again && !disposed) {
          again = false;
          void refetch();
        }
      }
    };

    const open = () => {
      source = new EventSource(`/api/incidents/${incidentId}/whys/stream`);
      source.addEventListener("open", () => setStatus("live"));
      source.addEventListener("version", (event) => {
        const { version } = JSON.parse((event as MessageEvent<string>).data) as {
          version: number | null;
        };
        if (version === null || version > latest.current.currentVersion()) void refetch();
      });
      source.addEventListener("error", () => {
        if (source?.readyState === EventSource.CLOSED) {
          setStatus("stopped");
          source.close();
          retry = setTimeout(open, 5000);
        } else {
          setStatus("reconnecting");
        }
      });
    };
    open();
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [incidentId]);

  return status;
}
