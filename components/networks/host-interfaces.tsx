"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { HostInterfaceRow, HostInterfacesResponse } from "@/lib/networks/types";
import { Cell, Row, Table } from "@/components/ui/table";

const kindLabels: Record<HostInterfaceRow["kind"], string> = {
  physical: "Physical NIC",
  bridge: "Bridge",
  bond: "Bond",
  vlan: "VLAN",
  virtual: "Virtual",
};

function usage(i: HostInterfaceRow): string {
  if (i.network) return `Bridge of the virtual network “${i.network}”`;
  if (i.kind === "bridge") return "Guests can join the LAN here (shared physical device)";
  if (i.bridge) return `Port of bridge ${i.bridge}`;
  return i.kind === "physical" ? "Not in a bridge: put it in one to share it with guests" : "";
}

export const interfacesPath = (hostId: string) => `/api/hosts/${encodeURIComponent(hostId)}/interfaces`;

/** The host's NICs and bridges, so an operator sees where a guest can be bridged onto the LAN. */
export function HostInterfaces({ hostId }: { hostId: string }) {
  const [showVirtual, setShowVirtual] = useState(false);
  // libvirt has no events for host interfaces: refresh now and then while the page is open.
  const query = useQuery({
    queryKey: queryKeys.hostInterfaces(hostId),
    queryFn: () => api<HostInterfacesResponse>(interfacesPath(hostId)),
    refetchInterval: 30_000,
  });
  if (query.isPending) return <p className="text-sm text-slate-500">Loading host interfaces…</p>;
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
      <Table
        label="Host interfaces"
        columns={["Interface", "Kind", "State", "MAC", "Addresses", "Ports", "Use"].map((label) => ({ label }))}
      >
        {rows.map((i) => (
          <Row key={i.name} data-testid="interface-row" data-name={i.name}>
            <Cell className="font-mono text-xs font-medium">{i.name}</Cell>
            <Cell>{kindLabels[i.kind]}</Cell>
            <Cell>
              <span className={i.state === "up" ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500"}>
                {i.state === "up" ? "Up" : i.state === "down" ? "Down" : "Unknown"}
              </span>
            </Cell>
            <Cell className="font-mono text-xs">{i.mac ?? "—"}</Cell>
            <Cell className="font-mono text-xs">{i.addresses.length ? i.addresses.join(", ") : "—"}</Cell>
            <Cell className="font-mono text-xs">{i.ports.length ? i.ports.join(", ") : "—"}</Cell>
            <Cell className="text-xs text-slate-600 dark:text-slate-400">{usage(i)}</Cell>
          </Row>
        ))}
      </Table>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {query.data.addressSource === "local"
            ? "Addresses as this machine reports them."
            : "Addresses as libvirt reports them (its udev backend reports none; bridges of virtual networks show the network's)."}
        </span>
        {hiddenCount > 0 ? (
          <label className="inline-flex items-center gap-1.5">
            <input type="checkbox" checked={showVirtual} onChange={(e) => setShowVirtual(e.target.checked)} />
            Show virtual interfaces ({hiddenCount})
          </label>
        ) : null}
      </div>
    </div>
  );
}
