"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { consoleApiPath } from "./console-socket";

/** Full screen, a separate window and a PNG of the screen: the same for VNC and SPICE. */
export function DisplayTools({ hostId, uuid, frame }: { hostId: string; uuid: string; frame: RefObject<HTMLElement | null> }) {
  return (
    <>
      <Button variant="secondary" onClick={() => void frame.current?.requestFullscreen()}>
        Full screen
      </Button>
      <Button variant="secondary" onClick={() => window.open(window.location.href, `console-${uuid}`, "popup,width=1100,height=800")}>
        Separate window
      </Button>
      {/* libvirt's screenshot stream, not the canvas: it works without an open session, for viewers too. */}
      <a
        href={consoleApiPath(hostId, uuid, "screenshot")}
        download
        className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Screenshot (PNG)
      </a>
    </>
  );
}
