import "server-only";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { MemoryInput } from "@/lib/validations/hardware/sections";
import { applyLive, auditDiff, auditedHardwareChange, nextBoot, type ChangeRequest } from "./change";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";
import { memoryView } from "./section-views";

/**
 * Current and maximum memory. A running guest's current memory changes through its balloon (libvirt
 * refuses without one, or above the maximum it booted with); a new maximum needs a restart.
 */
export async function setMemory(req: ChangeRequest, input: MemoryInput): Promise<HardwareChangeResult> {
  return auditedHardwareChange(req, "guest.memory", async (target, details) => {
    const definition = await loadForChange(target, input.etag);
    const { saved, live } = definition;
    const before = memoryView(saved, 0);
    saved.memoryKiB = input.maxMiB * 1024;
    saved.currentMemoryKiB = input.currentMiB * 1024;
    Object.assign(
      details,
      auditDiff({ currentMiB: before.currentMiB, maxMiB: before.maxMiB }, { currentMiB: input.currentMiB, maxMiB: input.maxMiB }),
    );
    await saveDefinition(definition);
    if (!live) return { ok: true, live: "not-running" };
    const running = memoryView(live, 0);
    const result =
      running.currentMiB === input.currentMiB
        ? ({ ok: true, live: "applied" } as const)
        : await applyLive(true, () => target.lv.domains.setMemory(target.dom, input.currentMiB * 1024, AFFECT_LIVE));
    if (result.live === "applied" && running.maxMiB !== input.maxMiB)
      return nextBoot("The maximum memory changes when the guest next starts");
    return result;
  });
}
