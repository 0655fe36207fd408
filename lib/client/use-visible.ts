"use client";

import { useEffect, useState, type RefObject } from "react";

/** True while the element is on screen and the page itself is visible (not a background tab or a minimised window). */
export function useVisible(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(false);
  const [pageVisible, setPageVisible] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setOnScreen(entry.isIntersecting));
    observer.observe(element);
    const page = () => setPageVisible(document.visibilityState === "visible");
    page();
    document.addEventListener("visibilitychange", page);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", page);
    };
  }, [ref]);
  return onScreen && pageVisible;
}
