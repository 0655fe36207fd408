"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
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
const COLUMNS = ["name", "state", "mode", "bridge", "ipv4", "dhcpv4Range", "ipv6", "dhcpv6Range", "leases", "autostart"] as const;

export function NetworkTable({ hostId, rows, canManage, busy, onPower, onDelete }: Props) {
  const tAll = useTranslations("networks");
  const t = useTranslations("networks.table");
  return (
    <Table
      label={t("label")}
      columns={[...COLUMNS.map((c) => ({ label: t(c) })), ...(canManage ? [{ label: t("actions"), hidden: true }] : [])]}
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
          <Cell className="whitespace-nowrap">{modeText(n, tAll)}</Cell>
          <Cell className="font-mono text-xs">{n.bridge ?? "—"}</Cell>
          <Cell className="font-mono text-xs">{addressText(n.ipv4)}</Cell>
          <Cell className="font-mono text-xs">{rangesText(n.ipv4)}</Cell>
          <Cell className="font-mono text-xs">{addressText(n.ipv6)}</Cell>
          <Cell className="font-mono text-xs">{rangesText(n.ipv6)}</Cell>
          <Cell className="tabular-nums" data-testid="lease-count">
            {n.leaseCount ?? "—"}
          </Cell>
          <Cell>{n.autostart ? t("on") : t("off")}</Cell>
          {canManage ? (
            <Cell className="whitespace-nowrap text-right">
              <Button
                variant="secondary"
                className="px-2 py-1"
                disabled={busy}
                onClick={() => onPower(n, n.active ? "stop" : "start")}
                aria-label={n.active ? t("stopNamed", { name: n.name }) : t("startNamed", { name: n.name })}
              >
                {n.active ? t("stop") : t("start")}
              </Button>{" "}
              <Button
                variant="ghost"
                className="px-2 py-1 text-red-700 dark:text-red-400"
                disabled={busy}
                onClick={() => onDelete(n)}
                aria-label={t("deleteNamed", { name: n.name })}
              >
                {t("delete")}
              </Button>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}
