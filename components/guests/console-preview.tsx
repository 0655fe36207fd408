"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { consoleApiPath } from "@/components/console/console-socket";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { ConsoleOptions } from "@/lib/consoles/types";
import { guestScope, type GuestRow } from "@/lib/guests/types";
import { can, type Grant } from "@/lib/roles";
import { isActive } from "@/lib/text/format";
import { LiveThumbnail } from "./live-thumbnail";

/**
 * The guest's screen on its overview, as Cockpit shows it: a live thumbnail (refreshed only while in view) that
 * opens the console. Shown to people who may open consoles, while the guest runs and has a display (VNC or SPICE).
 */
export function ConsolePreview({ g, grants }: { g: GuestRow; grants: Grant[] }) {
  const t = useTranslations("guest");
  const running = isActive(g.state);
  const mayConsole = can(grants, "guest.console", guestScope(g));
  // The same query as the console page's, so opening the console finds it answered.
  const options = useQuery({
    queryKey: queryKeys.consoleOptions(g.hostId, g.uuid),
    queryFn: () => api<ConsoleOptions>(consoleApiPath(g.hostId, g.uuid)),
    enabled: running && mayConsole,
  });
  if (!running || !mayConsole || !options.data?.displays.length) return null;
  return (
    <section aria-labelledby="console-preview" data-testid="console-preview" className="max-w-sm space-y-2">
      <h2 id="console-preview" className="text-sm font-semibold">
        {t("console")}
      </h2>
      <Link
        href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}/console`}
        aria-label={t("card.openConsoleOf", { name: g.name })}
        className="group block space-y-1 rounded-md focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
      >
        <LiveThumbnail hostId={g.hostId} uuid={g.uuid} name={g.name} running={running} />
        <span className="text-sm text-blue-700 group-hover:underline dark:text-blue-400">{t("card.openConsole")}</span>
      </Link>
    </section>
  );
}
