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
  /**
   * The report version of the editor's last save. A save's result reaches the editor before
   * the page's refreshed forms do, so a form submitted in between would carry the version
   * from before the save and be refused as "changed since you opened it".
   */
  version: number | null;
  setVersion: (version: number) => void;
}

const Context = createContext<UnsavedEdits | null>(null);

export function UnsavedEditsProvider({ children }: { children: React.ReactNode }) {
  const [unsaved, setUnsaved] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const flushRef = useRef<() => void>(() => {});
  const setFlush = useCallback((f: () => void) => {
    flushRef.current = f;
  }, []);
  const flush = useCallback(() => flushRef.current(), []);
  const value = useMemo(
    () => ({ unsaved, setUnsaved, flush, setFlush, version, setVersion }),
    [unsaved, flush, setFlush, version],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Null outside a report page (forms elsewhere are never blocked). */
export function useUnsavedEdits() {
  return useContext(Context);
}
