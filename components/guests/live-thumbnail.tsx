"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useVisible } from "@/lib/client/use-visible";

/** How often a visible card's screen is fetched again (the server serves many viewers from one screenshot). */
const REFRESH_MS = 5000;

/**
 * A guest's screen, small, refreshed every few seconds but only while the card is on screen and the page
 * is visible: a card scrolled away or a background tab costs the host nothing. The next refresh is timed
 * from the last image's arrival, so a slow host is never asked twice at once.
 */
export function LiveThumbnail({ hostId, uuid, name, running }: { hostId: string; uuid: string; name: string; running: boolean }) {
  const t = useTranslations("guest.card");
  const box = useRef<HTMLDivElement>(null);
  const visible = useVisible(box);
  const live = visible && running;
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState(0);
  const [failed, setFailed] = useState(false);
  // The first look happens once the card is seen; after that, one refresh per period while it stays seen.
  const [seen, setSeen] = useState(false);
  if (live && !seen) setSeen(true);
  useEffect(() => {
    if (!live || !seen) return;
    const timer = setTimeout(() => {
      setTick((n) => n + 1);
      setFailed(false);
    }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [live, seen, loaded, failed]);

  const src = `/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/thumbnail?w=320&t=${tick}`;
  return (
    <div
      ref={box}
      data-testid="guest-thumbnail"
      data-live={live ? "true" : "false"}
      data-loads={loaded}
      className="flex aspect-[4/3] items-center justify-center overflow-hidden rounded-md bg-slate-900"
    >
      {running && seen && !failed ? (
        // eslint-disable-next-line @next/next/no-img-element -- a live image from the API, not a static asset
        <img
          src={src}
          alt={t("screenOf", { name })}
          className="h-full w-full object-contain"
          onLoad={() => setLoaded((n) => n + 1)}
          onError={() => setFailed(true)}
        />
      ) : (
        <span className="text-xs text-slate-400">{running ? (failed ? t("noPicture") : "") : t("notRunning")}</span>
      )}
    </div>
  );
}
