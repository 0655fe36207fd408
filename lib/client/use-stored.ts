"use client";

import { useCallback, useSyncExternalStore } from "react";

const changed = "virt-console:storage";

/** A string kept in localStorage (per browser), shared by every component using the same key. */
export function useStoredString(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    (notify) => {
      const onChange = (e: Event) => {
        if (!(e instanceof StorageEvent) || e.key === key || e.key === null) notify();
      };
      window.addEventListener("storage", onChange);
      window.addEventListener(changed, onChange);
      return () => {
        window.removeEventListener("storage", onChange);
        window.removeEventListener(changed, onChange);
      };
    },
    () => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    () => null,
  );
  const set = useCallback(
    (next: string | null) => {
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // Storage full or disabled: the choice lasts for this page only.
      }
      window.dispatchEvent(new Event(changed));
    },
    [key],
  );
  return [value, set];
}
