import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { changeGuest } from "../../guests/guest-target";
import { loadDefinition, saveDefinition } from "../../guests/hardware/definition";
import { ApiError } from "../../http/errors";

/** Where a guest console's log goes on its host: beside libvirt's own per-guest log. */
export const serialLogPath = (guestName: string, device: string) => `/var/log/libvirt/qemu/${guestName}-${device}.log`;

/**
 * Has QEMU keep a serial device's output in a log file on the host (<log file=… append='on'/>), in the
 * saved definition: it applies when the guest next starts. virtlogd writes the file and rotates it at its
 * size limit; the console reads it from there. Audited.
 */
export async function enableSerialLog(
  ctx: VerbContext,
  { hostId, uuid, device }: GuestRef & { device: string },
): Promise<{ path: string }> {
  return changeGuest(ctx, { action: "console.serial.log.enable", hostId, uuid, details: { device } }, async (target) => {
    if (!(await target.lv.domains.isPersistent(target.dom))) throw new ApiError(409, { key: "transientNoLog" });
    const definition = await loadDefinition(target);
    const serial = definition.saved.devices.serials.items.find((s, i) => (s.alias ?? `serial${s.targetPort ?? i}`) === device);
    if (!serial) throw new ApiError(404, { key: "noSerialDevice", values: { device } });
    if (serial.logFile) return { path: serial.logFile };
    serial.logFile = serialLogPath(definition.saved.name ?? uuid, device);
    serial.logAppend = "on";
    await saveDefinition(definition);
    return { path: serial.logFile };
  });
}
