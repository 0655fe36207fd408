"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { HostInterfaceRow, HostInterfacesResponse } from "@/lib/networks/types";
import { Cell, Row, Table } from "@/components/ui/table";

type InterfaceWords = ReturnType<typeof useTranslations<"networks.interfaces">>;

function usage(i: HostInterfaceRow, t: InterfaceWords): string {
  if (i.network) return t("bridgeOfNetwork", { network: i.network });
  if (i.kind === "bridge") return t("sharedBridge");
  if (i.bridge) return t("portOf", { bridge: i.bridge });
  return i.kind === "physical" ? t("notBridged") : "";
}

const COLUMNS = ["interface", "kind", "state", "mac", "addresses", "ports", "use"] as const;

export const interfacesPath = (hostId: string) => `/api/hosts/${encodeURIComponent(hostId)}/interfaces`;

/** The host's NICs and bridges, so an operator sees where a guest can be bridged onto the LAN. */
export function HostInterfaces({ hostId }: { hostId: string }) {
  const t = useTranslations("networks.interfaces");
  const tAll = useTranslations("networks");
  const [showVirtual, setShowVirtual] = useState(false);
  // libvirt has no events for host interfaces: refresh now and then while the page is open.
  const query = useQuery({
    queryKey: queryKeys.hostInterfaces(hostId),
    queryFn: () => api<HostInterfacesResponse>(interfacesPath(hostId)),
    refetchInterval: 30_000,
  });
  if (query.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (query.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {query.error.message}
      </p>
    );
  const all = query.data.interfaces;
  const hiddenCount = all.filter((i) => i.kind === "virtual").length;
  const rows = showVirtual ? all : all.filter((i) => i.kind !== "virtual");
  return (
    <div className="space-y-2">
      <Table label={tAll("hostInterfaces")} columns={COLUMNS.map((c) => ({ label: t(c) }))}>
        {rows.map((i) => (
          <Row key={i.name} data-testid="interface-row" data-name={i.name}>
            <Cell className="font-mono text-xs font-medium">{i.name}</Cell>
            <Cell>{t(i.kind)}</Cell>
            <Cell>
              <span className={i.state === "up" ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500"}>
                {i.state === "up" ? t("up") : i.state === "down" ? t("down") : t("unknown")}
              </span>
            </Cell>
            <Cell className="font-mono text-xs">{i.mac ?? "—"}</Cell>
            <Cell className="font-mono text-xs">{i.addresses.length ? i.addresses.join(", ") : "—"}</Cell>
            <Cell className="font-mono text-xs">{i.ports.length ? i.ports.join(", ") : "—"}</Cell>
            <Cell className="text-xs text-slate-600 dark:text-slate-400">{usage(i, t)}</Cell>
          </Row>
        ))}
      </Table>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>{query.data.addressSource === "local" ? t("addressesLocal") : t("addressesLibvirt")}</span>
        {hiddenCount > 0 ? (
          <label className="inline-flex items-center gap-1.5">
            <input type="checkbox" checked={showVirtual} onChange={(e) => setShowVirtual(e.target.checked)} />
            {t("showVirtual", { count: hiddenCount })}
          </label>
        ) : null}
      </div>
    </div>
  );
}
