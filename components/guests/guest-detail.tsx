"use client";

import { GuestHighAvailability } from "@/components/high-availability/guest-high-availability";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { api, ApiRequestError } from "@/lib/client/api";
import { LiveIndicator, useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { guestScope, type GuestRow } from "@/lib/guests/types";
import { can, canSeeHost, type Grant } from "@/lib/roles";
import { PerformancePanel } from "@/components/metrics/performance-panel";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DetailHeader } from "@/components/ui/detail-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { ConsolePreview } from "./console-preview";
import { FollowMovedGuest } from "./follow-moved-guest";
import { isActive } from "@/lib/text/format";
import { GuestActions } from "./guest-actions";
import { HardwareTab } from "./hardware/hardware-tab";
import { useUrlParam } from "./hardware/use-url-param";
import { XmlTab } from "./hardware/xml-tab";
import { ConsoleMediumNotice } from "./console-medium-notice";
import { SnapshotsTab } from "./snapshots/snapshots-tab";
import { BackupsTab } from "./backups/backups-tab";
import { StateBadge } from "./state-badge";
import { StopNotice } from "./stop-notice";
import { TagEditor } from "@/components/tags/tag-editor";
import { UsageBar } from "./usage-bar";
import type { GuestDetailResponse } from "./types";
import { useGuestFormat } from "./use-guest-format";
import { guestPath } from "./use-guest-actions";

/** The page's tabs; each is named by the message guest.tab.<tab>. */
type Tab = "overview" | "performance" | "hardware" | "xml" | "snapshots" | "backups";

/** `hostName` is the label of the guest's host (null if the person may see no guest there); nothing more of the host is needed here. */
export function GuestDetail({
  hostId,
  hostName,
  uuid,
  grants,
}: {
  hostId: string;
  hostName: string | null;
  uuid: string;
  grants: Grant[];
}) {
  const t = useTranslations("guest");
  const tGuests = useTranslations("guests");
  const fallback = useFallbackInterval();
  const detail = useQuery({
    queryKey: queryKeys.guest(hostId, uuid),
    queryFn: () => api<GuestDetailResponse>(guestPath({ hostId, uuid })),
    // The live numbers have no events: re-sample every 5 s while the guest runs, otherwise only when the socket is down.
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.guest.state) ? 5000 : fallback),
    retry: (n, e) => !(e instanceof ApiRequestError && (e.status === 404 || e.status === 403)) && n < 1,
  });
  const queryClient = useQueryClient();
  const hostLabel = hostName ?? hostId;
  const [tabParam, setTabParam] = useUrlParam("tab");

  if (detail.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (detail.error) {
    const gone = detail.error instanceof ApiRequestError && detail.error.status === 404;
    return (
      <EmptyState title={gone ? t("gone") : t("loadFailed")}>
        <p>{gone ? t("goneHint", { uuid, host: hostLabel }) : detail.error.message}</p>
        {gone ? <FollowMovedGuest hostId={hostId} uuid={uuid} /> : null}
        <Link href="/guests" className="mt-3 inline-block text-blue-600 hover:underline dark:text-blue-400">
          {t("backToAll")}
        </Link>
      </EmptyState>
    );
  }
  const { guest: g, xml } = detail.data;
  const scope = guestScope(g);
  const canManage = can(grants, "guest.manage", scope);
  // Hardware, XML and snapshots show the definition, so only to those who may read it (the detail's xml is null otherwise).
  const tabs: Tab[] = [
    "overview",
    ...(can(grants, "metrics.view", scope) ? (["performance"] as const) : []),
    ...(xml === null ? [] : (["hardware", "xml"] as const)),
    // The portal's people may not read the definition, but take and act on their own snapshots.
    ...(xml !== null || can(grants, "guest.snapshot", scope) ? (["snapshots"] as const) : []),
    ...(xml === null ? [] : (["backups"] as const)),
  ];
  const tab: Tab = tabs.find((x) => x === tabParam) ?? "overview";
  const hostLink = canSeeHost(grants, hostId);
  const hostRef = hostLink ? (
    <Link href={`/hosts/${encodeURIComponent(hostId)}`} className="text-blue-700 hover:underline dark:text-blue-400">
      {hostLabel}
    </Link>
  ) : (
    <>{hostLabel}</>
  );
  return (
    <div className="space-y-5">
      <Breadcrumb href="/guests" label={t("guests")}>
        {hostRef}
      </Breadcrumb>
      <DetailHeader
        title={g.name}
        state={<StateBadge state={g.state} reason={g.stateReason} template={g.template} />}
        description={
          <>
            {g.title ? t.rich("onHostTitled", { title: g.title, host: () => hostRef }) : t.rich("onHost", { host: () => hostRef })}
            {g.stateReason && g.stateReason !== "unknown" ? ` · ${tGuests(`state.${g.state}`)} (${g.stateReason})` : ""}
          </>
        }
        aside={<LiveIndicator />}
        actions={<GuestActions guest={g} canPower={can(grants, "guest.power", scope)} canManage={canManage} grants={grants} />}
      />
      <StopNotice g={g} canManage={canManage} />
      <ConsoleMediumNotice medium="seed" g={g} xml={xml} canManage={canManage} />
      <ConsoleMediumNotice medium="unattended" g={g} xml={xml} canManage={canManage} />
      <TagEditor
        tags={g.tags}
        subject={g.name}
        canEdit={canManage}
        save={async (tags) => {
          await api(`/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}/tags`, { method: "PUT", body: { tags } });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
            queryClient.invalidateQueries({ queryKey: queryKeys.guests() }),
          ]);
        }}
      />
      <Tabs
        value={tab}
        onValueChange={(v) => setTabParam(v === "overview" ? null : v, { item: null })}
        label={t("sections")}
        tabs={tabs.map((v) => ({ value: v, label: t(`tab.${v}`) }))}
        after={
          <>
            {can(grants, "guest.console", scope) && g.state !== "shutoff" ? (
              <Link
                // The console page (and with it its code) is fetched while the link is visible, not after the click.
                prefetch
                href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}/console`}
                className="px-3 py-2 text-blue-700 hover:underline dark:text-blue-400"
              >
                {t("console")}
              </Link>
            ) : null}
            {g.state === "running" || g.state === "paused" ? (
              <a
                href={`/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}/screenshot`}
                download
                className="px-3 py-2 text-blue-700 hover:underline dark:text-blue-400"
              >
                {t("screenshot")}
              </a>
            ) : null}
          </>
        }
      >
        <TabPanel value="overview">
          <ConsolePreview g={g} grants={grants} />
          <GuestNumbers g={g} sampledAt={detail.dataUpdatedAt} />
          {g.persistent ? <GuestHighAvailability hostId={hostId} uuid={uuid} canManage={canManage} /> : null}
        </TabPanel>
        <TabPanel value="performance">
          <PerformancePanel hostId={hostId} uuid={uuid} />
        </TabPanel>
        <TabPanel value="hardware">
          <HardwareTab g={{ hostId, uuid }} canManage={canManage} />
        </TabPanel>
        <TabPanel value="xml">
          <XmlTab g={{ hostId, uuid }} canManage={canManage} />
        </TabPanel>
        <TabPanel value="snapshots">
          <SnapshotsTab g={{ hostId, uuid }} guestState={g.state} canManage={canManage} canTake={can(grants, "guest.snapshot", scope)} />
        </TabPanel>
        <TabPanel value="backups">
          <BackupsTab g={{ hostId, uuid }} guestName={g.name} guestState={g.state} canManage={canManage} />
        </TabPanel>
      </Tabs>
    </div>
  );
}

function GuestNumbers({ g, sampledAt }: { g: GuestRow; sampledAt: number }) {
  const t = useTranslations("guest.numbers");
  const format = useGuestFormat();
  const item = (label: string, value: React.ReactNode) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-medium tabular-nums">{value}</dd>
    </div>
  );
  const active = isActive(g.state);
  return (
    <dl aria-label={t("label")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {item(t("vcpus"), format.number(g.vcpus))}
      {item(t("memory"), format.kib(g.memoryKiB))}
      {item(t("cpuUse"), <UsageBar value={g.cpuPercent} label={t("cpuUse")} />)}
      {item(t("memoryUse"), <UsageBar value={g.memoryPercent} label={t("memoryUse")} />)}
      {item(t("disk"), format.rate(g.diskBytesPerSec))}
      {item(t("network"), format.rate(g.netBytesPerSec))}
      {item(t("uptime"), active && g.runningSince !== null && sampledAt > 0 ? format.uptime(g.runningSince, sampledAt) : "—")}
      {item(t("ips"), g.ipAddresses.length ? g.ipAddresses.join(", ") : "—")}
      {item(t("autostart"), g.autostart ? t("on") : t("off"))}
      {item(t("definition"), g.persistent ? t("persistent") : t("transient"))}
      {item(t("savedState"), g.hasManagedSave ? t("savedYes") : t("savedNone"))}
      {item(t("uuid"), <span className="font-mono text-xs break-all">{g.uuid}</span>)}
    </dl>
  );
}
