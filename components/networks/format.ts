// Pure text for the network pages (unit-tested in tests/unit/networks).
import { networkModeNames, type NetworkAddressing, type NetworkRow } from "@/lib/networks/types";

export const networkPath = (hostId: string, name?: string) =>
  `/api/hosts/${encodeURIComponent(hostId)}/networks${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
export const networkPage = (hostId: string, name: string) => `/networks/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}`;

/** "NAT", "Routed via eth0", "Host bridge". */
export function modeText(row: Pick<NetworkRow, "mode" | "forwardDev">): string {
  const name = networkModeNames[row.mode] ?? row.mode;
  return row.forwardDev && (row.mode === "nat" || row.mode === "route") ? `${name} via ${row.forwardDev}` : name;
}

export const addressText = (a: NetworkAddressing | null) => (a ? `${a.address}/${a.prefix}` : "—");

export function rangesText(a: NetworkAddressing | null): string {
  if (!a || a.dhcpRanges.length === 0) return "—";
  return a.dhcpRanges.map((r) => `${r.start} – ${r.end}`).join(", ");
}

/** "in 59 min", "in 2 h 5 min", "expired". */
export function expiresText(expiresAt: number, now: number): string {
  const s = Math.floor((expiresAt - now) / 1000);
  if (s <= 0) return "expired";
  if (s < 60) return `in ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.floor(m / 60);
  return h < 24 ? `in ${h} h ${m % 60} min` : `in ${Math.floor(h / 24)} d ${h % 24} h`;
}
