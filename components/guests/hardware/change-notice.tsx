"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { HardwareChange } from "./hardware-api";

/**
 * The outcome of the last change that needs more than a toast: waits for shutdown, refused live, or conflicted.
 * Scrolled into view when it appears, so a refusal is seen even below a long form.
 */
export function ChangeNoticeView({ change, onRetried }: { change: HardwareChange; onRetried?: () => void }) {
  const t = useTranslations("hardware.notice");
  const n = change.notice;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (n) box.current?.scrollIntoView({ block: "nearest" });
  }, [n]);
  if (!n) return null;
  const tone =
    n.kind === "next-boot"
      ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
      : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200";
  return (
    <div ref={box} role={n.kind === "next-boot" ? "status" : "alert"} className={`space-y-2 rounded-md border px-3 py-2 text-sm ${tone}`}>
      {n.kind === "offer" ? <p className="font-medium">{t("refused")}</p> : null}
      <p className="break-words whitespace-pre-wrap">{n.message}</p>
      {n.kind === "conflict" ? <p>{t("conflict")}</p> : null}
      <div className="flex flex-wrap gap-2">
        {n.kind === "offer" ? (
          <Button
            type="button"
            disabled={change.busy}
            onClick={() => {
              void change.submit(n.retry).then((ok) => {
                if (ok) onRetried?.();
              });
            }}
          >
            {n.action}
          </Button>
        ) : null}
        <Button type="button" variant="secondary" className="px-2 py-1" onClick={change.dismiss}>
          {t("dismiss")}
        </Button>
      </div>
    </div>
  );
}
