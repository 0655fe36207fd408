"use client";

import { useEffect, type RefObject } from "react";
import type { Rfb } from "./rfb";

export type Scale = "fit" | "actual" | "resize";

/** The choices in the order shown, each with its label's message key under console.toolbar. */
export const scaleLabels = { fit: "scaleFit", actual: "scaleActual", resize: "scaleResize" } as const satisfies Record<Scale, string>;

/**
 * Applies the scaling choice. "Actual size" means one guest pixel on one pixel of the screen, also on a
 * high-DPI screen and at any browser zoom: the display's box is the guest's size divided by the device
 * pixel ratio, and noVNC scales into it (its pointer mapping follows the same scale, so clicks land where
 * they are seen). The box follows the guest's resolution and the ratio as they change.
 */
export function useDisplayScale(
  rfb: RefObject<Rfb | null>,
  screen: RefObject<HTMLDivElement | null>,
  scale: Scale,
  connected: boolean,
): void {
  useEffect(() => (connected ? applyScale(rfb.current, screen.current, scale) : undefined), [rfb, screen, scale, connected]);
}

/** Sets noVNC's scaling and sizes the display's box; returns what undoes the box's sizing. */
function applyScale(session: Rfb | null, box: HTMLDivElement | null, scale: Scale): (() => void) | undefined {
  if (!session || !box) return;
  session.clipViewport = false;
  session.resizeSession = scale === "resize";
  session.scaleViewport = scale !== "resize";
  const reset = () => {
    box.style.width = "";
    box.style.height = "";
    box.style.flex = "";
  };
  if (scale !== "actual") {
    reset();
    return;
  }
  const canvas = box.querySelector("canvas");
  let media: MediaQueryList | null = null;
  const fit = () => {
    if (!canvas?.width) return;
    const ratio = window.devicePixelRatio || 1;
    box.style.flex = "none";
    box.style.width = `${canvas.width / ratio}px`;
    box.style.height = `${canvas.height / ratio}px`;
    // A zoom or a move to another screen changes the ratio: listen for the next change.
    media?.removeEventListener("change", fit);
    media = window.matchMedia(`(resolution: ${ratio}dppx)`);
    media.addEventListener("change", fit);
  };
  fit();
  const sizes = new MutationObserver(fit);
  if (canvas) sizes.observe(canvas, { attributes: true, attributeFilter: ["width", "height"] });
  return () => {
    sizes.disconnect();
    media?.removeEventListener("change", fit);
    reset();
  };
}
