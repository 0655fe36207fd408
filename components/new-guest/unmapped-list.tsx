"use client";

import { useTranslations } from "next-intl";
import type { Unmapped } from "@/lib/ova/ovf";

/** What an appliance had that the new guest does not get (sound cards, USB, serial ports, settings…). */
export function UnmappedList({ items }: { items: Unmapped[] }) {
  const t = useTranslations("ovaImport");
  if (!items.length) return <p className="text-sm">{t("unmappedNone")}</p>;
  return (
    <section aria-label={t("unmappedTitle")} data-testid="ova-unmapped" className="text-sm">
      <h3 className="font-medium">{t("unmappedTitle")}</h3>
      <ul className="list-inside list-disc">
        {items.map((u, i) => (
          <li key={i}>{t(`unmapped.${u.kind}`, { detail: u.detail })}</li>
        ))}
      </ul>
    </section>
  );
}
