"use client";

import Link from "next/link";
import type { NetworkRow } from "@/lib/networks/types";
import { Button } from "@/components/ui/button";
import { Cell, Row, Table } from "@/components/ui/table";
import { addressText, modeText, networkPage, rangesText } from "./format";
import { NetworkStateBadge } from "./network-state-badge";

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
    <Table
      label="Virtual networks"
      columns={[
        ...["Name", "State", "Mode", "Bridge", "IPv4", "DHCPv4 range", "IPv6", "DHCPv6 range", "Leases", "Autostart"].map((label) => ({
          label,
        })),
        ...(canManage ? [{ label: "Actions", hidden: true }] : []),
      ]}
    >
      {rows.map((n) => (
        <Row key={n.name} data-testid="network-row" data-name={n.name}>
          <Cell>
            <Link href={networkPage(hostId, n.name)} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
              {n.name}
            </Link>
            {n.domain ? <div className="text-xs text-slate-500">{n.domain}</div> : null}
          </Cell>
          <Cell>
            <NetworkStateBadge active={n.active} />
          </Cell>
          <Cell className="whitespace-nowrap">{modeText(n)}</Cell>
          <Cell className="font-mono text-xs">{n.bridge ?? "—"}</Cell>
          <Cell className="font-mono text-xs">{addressText(n.ipv4)}</Cell>
          <Cell className="font-mono text-xs">{rangesText(n.ipv4)}</Cell>
          <Cell className="font-mono text-xs">{addressText(n.ipv6)}</Cell>
          <Cell className="font-mono text-xs">{rangesText(n.ipv6)}</Cell>
          <Cell className="tabular-nums" data-testid="lease-count">
            {n.leaseCount ?? "—"}
          </Cell>
          <Cell>{n.autostart ? "On" : "Off"}</Cell>
          {canManage ? (
            <Cell className="whitespace-nowrap text-right">
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
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}
