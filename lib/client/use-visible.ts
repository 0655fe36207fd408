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

/**
 * True from the first time the element comes within `margin` of the screen (a CSS margin, as IntersectionObserver's
 * rootMargin): for one of many sections on a page (a host's networks, its pools) that reads its data only once a
 * person scrolls near it, instead of every section reading at once.
 */
export function useSeen(ref: RefObject<Element | null>, margin = "100% 0px"): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver(([entry]) => entry.isIntersecting && setSeen(true), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin, seen]);
  return seen;
}
