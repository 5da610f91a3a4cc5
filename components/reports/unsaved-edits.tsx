"use client";
// Shares "the editor holds text the server has not stored yet" between the report editor and
// the review/publish forms beside it, so a review cannot start on text that is still only in
// the browser (the reviewers would approve, and publishing would freeze, the older text).
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

interface UnsavedEdits {
  unsaved: boolean;
  setUnsaved: (unsaved: boolean) => void;
  /** Starts saving whatever is pending (set by the editor). */
  flush: () => void;
  setFlush: (flush: () => void) => void;
}

const Context = createContext<UnsavedEdits | null>(null);

export function UnsavedEditsProvider({ children }: { children: React.ReactNode }) {
  const [unsaved, setUnsaved] = useState(false);
  const flushRef = useRef<() => void>(() => {});
  const setFlush = useCallback((f: () => void) => {
    flushRef.current = f;
  }, []);
  const flush = useCallback(() => flushRef.current(), []);
  const value = useMemo(
    () => ({ unsaved, setUnsaved, flush, setFlush }),
    [unsaved, flush, setFlush],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Null outside a report page (forms elsewhere are never blocked). */
export function useUnsavedEdits() {
  return useContext(Context);
}
