// Pure formatting for guest and host numbers (unit-tested in tests/unit/guests).
import type { GuestState } from "@/lib/guests/types";

const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** A number with at most `digits` decimals in the person's language ("1.5" in English, "1,5" in Russian); no grouping. */
function decimal(value: number, digits: number, locale: string): string {
  const key = `${locale}/${digits}`;
  let format = decimalFormats.get(key);
  if (!format) {
    // Made once per language and precision: long lists format thousands of figures per render.
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false });
    decimalFormats.set(key, format);
  }
  return format.format(value);
}
const decimalFormats = new Map<string, Intl.NumberFormat>();

/**
 * 1536 → "1.5 KiB"; binary units like virt-manager and virsh. `locale` only changes the number's decimal sign: the
 * IEC unit symbols are what virt-manager shows in every language.
 */
export function formatBytes(bytes: number | null | undefined, locale = "en"): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : value % 1 === 0 ? 0 : 1;
  return `${decimal(value, digits, locale)} ${units[unit]}`;
}

export const formatKiB = (kib: number | null | undefined, locale = "en") =>
  formatBytes(kib === null || kib === undefined ? kib : kib * 1024, locale);

export function formatRate(bytesPerSec: number | null | undefined, locale = "en"): string {
  return bytesPerSec === null || bytesPerSec === undefined ? "—" : `${formatBytes(bytesPerSec, locale)}/s`;
}

export function formatPercent(value: number | null | undefined, locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const clamped = Math.max(0, Math.min(100, value));
  return `${decimal(clamped, clamped < 10 && clamped > 0 ? 1 : 0, locale)} %`;
}

/** Time since `since` (epoch ms) as its largest unit and the next one: { unit: "h", a: 3, b: 4 } is 3 h 4 min. */
export function uptimeParts(
  since: number | null | undefined,
  now: number = Date.now(),
): { unit: "s" | "min" | "h" | "d"; a: number; b: number } | null {
  if (since === null || since === undefined) return null;
  const s = Math.max(0, Math.floor((now - since) / 1000));
  if (s < 60) return { unit: "s", a: s, b: 0 };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: "min", a: m, b: 0 };
  const h = Math.floor(m / 60);
  if (h < 24) return { unit: "h", a: h, b: m % 60 };
  const d = Math.floor(h / 24);
  return { unit: "d", a: d, b: h % 24 };
}

/** Time since `since` (epoch ms): "45 s", "12 min", "3 h 4 min", "2 d 5 h" (English; pages say it through messages). */
export function formatUptime(since: number | null | undefined, now: number = Date.now()): string {
  const p = uptimeParts(since, now);
  if (!p) return "—";
  if (p.unit === "s" || p.unit === "min") return `${p.a} ${p.unit}`;
  return p.unit === "h" ? `${p.a} h ${p.b} min` : `${p.a} d ${p.b} h`;
}

export const stateTones: Record<GuestState, string> = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  blocked: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  paused: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  shutdown: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  shutoff: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  crashed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  pmsuspended: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  nostate: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400",
};

/** States in which the guest runs (has a QEMU process). */
export const isActive = (state: GuestState) => state !== "shutoff" && state !== "crashed" && state !== "nostate";

/** "9000000" or "9.0.0" → "9.0.0" (libvirt encodes versions as major*1e6 + minor*1e3 + micro). */
export function formatVersion(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string" && v.includes(".")) return v;
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return `${Math.floor(n / 1e6)}.${Math.floor((n % 1e6) / 1e3)}.${n % 1e3}`;
}
