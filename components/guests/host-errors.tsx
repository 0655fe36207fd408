"use client";

import { useTranslations } from "next-intl";
import type { GuestListResponse, HostLabel } from "@/lib/guests/types";
import { useNow } from "@/lib/client/use-now";

/** One banner line per unreachable host: its own message and when the console tries again. */
export function HostErrors({ errors, hosts }: { errors: GuestListResponse["errors"]; hosts: HostLabel[] }) {
  const t = useTranslations("guests");
  const now = useNow(1000);
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const lines = new Map<string, { name: string; message: string; retryAt: number | null }>();
  for (const h of hosts) {
    if (h.status?.state === "retrying") lines.set(h.id, { name: h.name, message: h.status.message, retryAt: h.status.retryAt });
  }
  for (const e of errors) {
    const h = byId.get(e.hostId);
    const retryAt = h?.status?.state === "retrying" ? h.status.retryAt : null;
    lines.set(e.hostId, { name: h?.name ?? e.hostId, message: e.message, retryAt });
  }
  if (lines.size === 0) return null;
  return (
    <div
      role="alert"
      data-testid="host-errors"
      className="mb-4 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      {[...lines.entries()].map(([id, l]) => (
        <p key={id}>
          <span className="font-medium">{t("hostNamed", { name: l.name })}</span>: {l.message}
          {l.retryAt !== null && now > 0 ? t("retryingIn", { seconds: Math.max(0, Math.ceil((l.retryAt - now) / 1000)) }) : ""}
        </p>
      ))}
    </div>
  );
}
