// Pure text for the network pages (unit-tested in tests/unit/networks).
import type { useTranslations } from "next-intl";
import type { NetworkAddressing, NetworkRow } from "@/lib/networks/types";

/** The network pages' words (messages/*.json, "networks"). */
export type NetworkWords = ReturnType<typeof useTranslations<"networks">>;

export const networkPath = (hostId: string, name?: string) =>
  `/api/hosts/${encodeURIComponent(hostId)}/networks${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
export const networkPage = (hostId: string, name: string) => `/networks/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}`;

/** "NAT", "Routed via eth0", "Host bridge". */
export function modeText(row: Pick<NetworkRow, "mode" | "forwardDev">, t: NetworkWords): string {
  const mode = t(`mode.${row.mode}`);
  return row.forwardDev && (row.mode === "nat" || row.mode === "route") ? t("modeVia", { mode, device: row.forwardDev }) : mode;
}

export const addressText = (a: NetworkAddressing | null) => (a ? `${a.address}/${a.prefix}` : "—");

export function rangesText(a: NetworkAddressing | null): string {
  if (!a || a.dhcpRanges.length === 0) return "—";
  return a.dhcpRanges.map((r) => `${r.start} – ${r.end}`).join(", ");
}

/** "in 59 min", "in 2 h 5 min", "expired". */
export function expiresText(expiresAt: number, now: number, t: NetworkWords): string {
  const s = Math.floor((expiresAt - now) / 1000);
  if (s <= 0) return t("detail.expired");
  if (s < 60) return t("detail.inSeconds", { seconds: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t("detail.inMinutes", { minutes: m });
  const h = Math.floor(m / 60);
  return h < 24 ? t("detail.inHours", { hours: h, minutes: m % 60 }) : t("detail.inDays", { days: Math.floor(h / 24), hours: h % 24 });
}
