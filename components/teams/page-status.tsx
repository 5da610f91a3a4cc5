"use client";
import { useEffect, useState } from "react";

// Outcomes of actions whose row disappears on success (remove, revoke) would vanish with the
// row; they are announced here instead, in a region that outlives the row.
const listeners = new Set<(message: string) => void>();

export function announce(message: string) {
  for (const listener of listeners) listener(message);
}

export function PageStatus() {
  const [message, setMessage] = useState("");
  useEffect(() => {
    const listener = (m: string) => setMessage(m);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return (
    <div role="status" aria-live="polite" data-testid="page-status">
      {message && (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {message}
        </p>
      )}
    </div>
  );
}
