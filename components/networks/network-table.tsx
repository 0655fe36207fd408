"use client";

import Link from "next/link";
import type { NetworkRow } from "@/lib/networks/types";
import { Button } from "@/components/ui/button";
import { addressText, modeText, networkPage, rangesText } from "./format";
import { NetworkStateBadge } from "./network-state-badge";

export const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-500 uppercase";
export const td = "px-3 py-2 align-top";

type Props = {
  hostId: string;
  rows: NetworkRow[];
  canManage: boolean;
  busy: boolean;
  onPower: (row: NetworkRow, action: "start" | "stop") => void;
  onDelete: (row: NetworkRow) => void;
};

/** One host's virtual networks: what virsh net-list and net-dumpxml say, one row each. */
export function NetworkTable({ hostId, rows, canManage, busy, onPower, onDelete }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm" aria-label="Virtual networks">
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
          <tr>
            {["Name", "State", "Mode", "Bridge", "IPv4", "DHCPv4 range", "IPv6", "DHCPv6 range", "Leases", "Autostart"].map((h) => (
              <th key={h} className={th}>
                {h}
              </th>
            ))}
            {canManage ? (
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.name} data-testid="network-row" data-name={n.name} className="border-t border-slate-100 dark:border-slate-800">
              <td className={td}>
                <Link href={networkPage(hostId, n.name)} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                  {n.name}
                </Link>
                {n.domain ? <div className="text-xs text-slate-500">{n.domain}</div> : null}
              </td>
              <td className={td}>
                <NetworkStateBadge active={n.active} />
              </td>
              <td className={`${td} whitespace-nowrap`}>{modeText(n)}</td>
              <td className={`${td} font-mono text-xs`}>{n.bridge ?? "—"}</td>
              <td className={`${td} font-mono text-xs`}>{addressText(n.ipv4)}</td>
              <td className={`${td} font-mono text-xs`}>{rangesText(n.ipv4)}</td>
              <td className={`${td} font-mono text-xs`}>{addressText(n.ipv6)}</td>
              <td className={`${td} font-mono text-xs`}>{rangesText(n.ipv6)}</td>
              <td className={`${td} tabular-nums`} data-testid="lease-count">
                {n.leaseCount ?? "—"}
              </td>
              <td className={td}>{n.autostart ? "On" : "Off"}</td>
              {canManage ? (
                <td className={`${td} whitespace-nowrap text-right`}>
                  <Button
                    variant="secondary"
                    className="px-2 py-1"
                    disabled={busy}
                    onClick={() => onPower(n, n.active ? "stop" : "start")}
                    aria-label={`${n.active ? "Stop" : "Start"} ${n.name}`}
                  >
                    {n.active ? "Stop" : "Start"}
                  </Button>{" "}
                  <Button
                    variant="ghost"
                    className="px-2 py-1 text-red-700 dark:text-red-400"
                    disabled={busy}
                    onClick={() => onDelete(n)}
                    aria-label={`Delete ${n.name}`}
                  >
                    Delete
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
