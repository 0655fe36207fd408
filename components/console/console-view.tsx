"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { ConsoleOptions } from "@/lib/consoles/types";
import { FollowMovedGuest } from "@/components/guests/follow-moved-guest";
import { consoleApiPath } from "./console-socket";

// Each console's library (noVNC, spice-html5, xterm.js) loads only when that console is shown.
const loadVnc = () => import("./vnc-console");
const VncConsole = dynamic(() => loadVnc().then((m) => m.VncConsole), { ssr: false });
const SpiceConsole = dynamic(() => import("./spice-console").then((m) => m.SpiceConsole), { ssr: false });
const SerialConsole = dynamic(() => import("./serial-console").then((m) => m.SerialConsole), { ssr: false });

type View = { key: string; label: string; render: () => React.ReactNode };

/**
 * The console page: one tab per display and per text console the guest has (the first display opens
 * first, as in virt-manager). Not running, or nothing to show, is said plainly. Domain events refresh
 * the options, so a guest that starts again brings its console back.
 */
export function ConsoleView({
  hostId,
  uuid,
  initialView,
  watch = false,
}: {
  hostId: string;
  uuid: string;
  initialView?: string;
  watch?: boolean;
}) {
  const t = useTranslations("console.view");
  const options = useQuery({
    queryKey: queryKeys.consoleOptions(hostId, uuid),
    queryFn: () => api<ConsoleOptions>(consoleApiPath(hostId, uuid)),
  });
  const [chosen, setChosen] = useState(initialView);
  // Most guests show VNC first: its code and noVNC load while the options are asked for, not after.
  useEffect(() => {
    void loadVnc().catch(() => undefined);
    void import("@novnc/novnc").catch(() => undefined);
  }, []);

  if (options.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  // A guest migrated away is gone from this host, or left shut off here while it runs on another: its console
  // follows it.
  const followMoved = (runningOnly: boolean) => (
    <FollowMovedGuest hostId={hostId} uuid={uuid} subpath="/console" runningOnly={runningOnly} />
  );
  if (options.isError) {
    return (
      <EmptyState title={t("notAvailable")}>
        {options.error.message}
        {followMoved(false)}
      </EmptyState>
    );
  }
  const { running, displays, textConsoles } = options.data;
  // A view-only link opens the display watching; the other consoles have no watchers.
  if (!running) {
    return (
      <EmptyState title={t("notRunning")}>
        {t("startToOpen")}{" "}
        <Button variant="secondary" onClick={() => void options.refetch()}>
          {t("checkAgain")}
        </Button>
        {followMoved(true)}
      </EmptyState>
    );
  }
  const views: View[] = [
    ...displays.map((kind) => ({
      key: kind,
      label: kind === "vnc" ? t("displayVnc") : t("displaySpice"),
      render: () =>
        kind === "vnc" ? (
          <VncConsole hostId={hostId} uuid={uuid} watch={watch} defaultLayout={options.data.layout ?? undefined} />
        ) : (
          <SpiceConsole hostId={hostId} uuid={uuid} />
        ),
    })),
    ...textConsoles.map((c) => ({
      key: c.alias,
      label: c.label,
      render: () => <SerialConsole hostId={hostId} uuid={uuid} device={c.alias} />,
    })),
  ];
  if (views.length === 0) return <EmptyState title={t("nothingToShow")}>{t("noConsoles")}</EmptyState>;
  const current = views.find((v) => v.key === chosen) ?? views[0];

  if (views.length === 1)
    return (
      <div className="flex min-h-0 flex-1 flex-col gap-2">
        <div className="min-h-0 flex-1">{current.render()}</div>
      </div>
    );
  return (
    <Tabs
      value={current.key}
      onValueChange={setChosen}
      label={t("consoles")}
      tabs={views.map((v) => ({ value: v.key, label: v.label }))}
      className="flex min-h-0 flex-1 flex-col gap-2"
    >
      {views.map((v) => (
        <TabPanel key={v.key} value={v.key} className="min-h-0 flex-1">
          {v.render()}
        </TabPanel>
      ))}
    </Tabs>
  );
}
