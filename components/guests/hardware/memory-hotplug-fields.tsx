"use client";

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
  const numa =
    view.numaCells === 0
      ? "The guest has no NUMA cell yet: one cell with all its vCPUs and memory is added."
      : `The guest has ${view.numaCells} NUMA cell${view.numaCells === 1 ? "" : "s"}.`;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">Memory hot-plug</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Room for memory devices (Add hardware → Memory device): DIMMs and virtio-mem give a running guest more memory without a restart.
        Changing these takes effect when the guest next starts. {numa}
      </p>
      <LabeledField label="Hot-plug limit" unit="MiB" error={errors.hotplugMiB} hint="Boot memory and memory devices together; empty: off">
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
      <LabeledField label="Slots" error={errors.slots} hint={`How many memory devices fit (${view.devicesMiB} MiB in devices now)`}>
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
