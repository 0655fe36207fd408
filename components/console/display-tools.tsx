"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { Fullscreen } from "./console-frame";
import { consoleApiPath } from "./console-socket";

/** Full screen, a separate window and a PNG of the screen: the same for VNC and SPICE. */
export function DisplayTools({ hostId, uuid, fullscreen }: { hostId: string; uuid: string; fullscreen: Fullscreen }) {
  const t = useTranslations("console.toolbar");
  return (
    <>
      <Tooltip content={fullscreen.full ? undefined : t("fullScreenHint")}>
        <Button variant="secondary" onClick={() => void fullscreen.toggle()}>
          {fullscreen.full ? t("exitFullScreen") : t("fullScreen")}
        </Button>
      </Tooltip>
      <Button variant="secondary" onClick={() => window.open(window.location.href, `console-${uuid}`, "popup,width=1100,height=800")}>
        {t("separateWindow")}
      </Button>
      {/* libvirt's screenshot stream, not the canvas: it works without an open session, for viewers too. */}
      <a
        href={consoleApiPath(hostId, uuid, "screenshot")}
        download
        className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {t("screenshot")}
      </a>
    </>
  );
}
