import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { MemoryInput } from "@/lib/validations/hardware/sections";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { applyLive, auditDiff, nextBoot } from "./change";
import { invalidFields } from "../../http/errors";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";
import { memoryView } from "./section-views";

/** What the audit log records of the memory settings. */
const audited = (v: { currentMiB: number; maxMiB: number; hotplugMiB?: number | null; slots?: number | null }) => ({
  currentMiB: v.currentMiB,
  maxMiB: v.maxMiB,
  hotplugMiB: v.hotplugMiB ?? null,
  slots: v.slots ?? null,
});

/**
 * Current and maximum memory, and room for memory devices (hot-plug). A running guest's current memory
 * changes through its balloon (libvirt refuses without one, or above the maximum it booted with); a new
 * maximum or new hot-plug settings need a restart.
 */
export async function setMemory(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & MemoryInput): Promise<HardwareChangeResult> {
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.memory" },
    async (target, details) => {
      const definition = await loadForChange(target, input.etag);
      const { saved, live } = definition;
      const before = memoryView(saved, 0);
      if (!saved.setBootMemoryKiB(input.maxMiB * 1024)) {
        throw invalidFields({
          maxMiB: { key: "numaSplit", values: { cells: before.numaCells } },
        });
      }
      saved.currentMemoryKiB = input.currentMiB * 1024;
      // Left out of the request, hot-plug stays as it is.
      const keep = input.hotplugMiB === undefined;
      const hotplugMiB = keep ? before.hotplugMiB : (input.hotplugMiB ?? null);
      const slots = keep ? before.slots : (input.slots ?? null);
      if (hotplugMiB === null) {
        if (saved.devices.memories.length > 0) throw invalidFields({ hotplugMiB: { key: "removeMemoryDevicesFirst" } });
        saved.disableMemoryHotplug();
      } else {
        const used = saved.devices.memories.length;
        if ((slots ?? 0) < used)
          throw invalidFields({
            slots: { key: "keepSlots", values: { count: used } },
          });
        if (hotplugMiB * 1024 < input.maxMiB * 1024 + saved.memoryDevicesKiB)
          throw invalidFields({
            hotplugMiB: { key: "hotplugAtLeast", values: { mib: input.maxMiB + before.devicesMiB } },
          });
        saved.enableMemoryHotplug(hotplugMiB * 1024, slots ?? 1);
      }
      const after = memoryView(saved, 0);
      Object.assign(details, auditDiff(audited(before), audited(after)));
      await saveDefinition(definition);
      if (!live) return { ok: true, live: "not-running" };
      const running = memoryView(live, 0);
      const result =
        running.currentMiB === input.currentMiB
          ? ({ ok: true, live: "applied" } as const)
          : await applyLive(true, () => target.lv.domains.setMemory(target.dom, input.currentMiB * 1024, AFFECT_LIVE));
      if (result.live === "applied" && running.maxMiB !== after.maxMiB) return nextBoot("maxMemory");
      if (result.live === "applied" && (running.hotplugMiB !== after.hotplugMiB || running.slots !== after.slots))
        return nextBoot("memoryHotplug");
      return result;
    },
    withDrafts(ctx),
  );
}
