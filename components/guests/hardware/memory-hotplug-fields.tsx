"use client";

import { useTranslations } from "next-intl";
import type { MemoryView } from "@/lib/guests/hardware/types";
import { LabeledField, controlClass } from "./form-controls";

/**
 * Memory hot-plug on the Memory page: the room memory devices (DIMMs, virtio-mem) get. libvirt wants
 * <maxMemory slots> and, on x86, a NUMA cell; the console adds one cell when the guest has none.
 */
export function MemoryHotplugFields({
  hotplug,
  setHotplug,
  slots,
  setSlots,
  errors,
  view,
}: {
  hotplug: string;
  setHotplug: (v: string) => void;
  slots: string;
  setSlots: (v: string) => void;
  errors: Record<string, string>;
  view: MemoryView;
}) {
  const t = useTranslations("hardware.memory");
  const numa = view.numaCells === 0 ? t("noNuma") : t("numa", { count: view.numaCells });
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">{t("hotplug")}</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t("hotplugIntro")} {numa}
      </p>
      <LabeledField label={t("hotplugLimit")} unit="MiB" error={errors.hotplugMiB} hint={t("hotplugLimitHint")}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={16}
            inputMode="numeric"
            className={`${controlClass} max-w-48`}
            value={hotplug}
            onChange={(e) => setHotplug(e.target.value)}
          />
        )}
      </LabeledField>
      <LabeledField label={t("slots")} error={errors.slots} hint={t("slotsHint", { devices: view.devicesMiB })}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            inputMode="numeric"
            className={`${controlClass} max-w-48`}
            value={slots}
            onChange={(e) => setSlots(e.target.value)}
          />
        )}
      </LabeledField>
    </fieldset>
  );
}
