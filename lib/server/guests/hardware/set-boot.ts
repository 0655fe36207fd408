import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import type { DeviceFamily, HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { BootInput } from "@/lib/validations/hardware/sections";
import type { Device } from "@/lib/xml";
import { invalidFields } from "../../http/errors";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { auditDiff, nextBoot } from "./change";
import { loadForChange, readAutostart, saveDefinition, writeAutostart } from "./definition";
import { familyDevices, findDevice, parseDeviceKey } from "./device-match";
import { bootableFamilies, bootEntries } from "./section-views";

type Bootable = Device & { bootOrder?: number };

/**
 * Autostart, boot menu, boot order and direct kernel boot. The order is written per device
 * (<boot order='n'/>), which libvirt does not allow together with <os><boot dev>, so that goes.
 */
export async function setBoot(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & BootInput): Promise<HardwareChangeResult> {
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.boot" },
    async (target, details) => {
      const definition = await loadForChange(target, input.etag);
      const { saved, live } = definition;
      const orderOf = () =>
        bootEntries(saved, () => [])
          .filter((e) => e.order !== null)
          .map((e) => e.key);
      const before = {
        autostart: await readAutostart(target),
        bootMenu: saved.os.bootMenu ?? false,
        order: orderOf(),
        kernel: saved.os.kernel ?? "",
        initrd: saved.os.initrd ?? "",
        cmdline: saved.os.cmdline ?? "",
      };

      const devices = input.order.map((key) => {
        const ref = parseDeviceKey(key);
        const device = bootableFamilies.includes(ref.family) ? findDevice(saved, ref) : undefined;
        if (!device) throw invalidFields({ order: { key: "notBootable", values: { device: key } } });
        return device as Bootable;
      });
      saved.os.bootDevices = [];
      for (const family of bootableFamilies) {
        for (const device of familyDevices(saved, family as DeviceFamily) as Bootable[]) device.bootOrder = undefined;
      }
      devices.forEach((device, i) => (device.bootOrder = i + 1));
      saved.os.bootMenu = input.bootMenu ? true : undefined;
      saved.os.kernel = input.kernel || undefined;
      saved.os.initrd = input.initrd || undefined;
      saved.os.cmdline = input.cmdline || undefined;
      Object.assign(
        details,
        auditDiff(before, {
          autostart: input.autostart,
          bootMenu: input.bootMenu,
          order: orderOf(),
          kernel: input.kernel,
          initrd: input.initrd,
          cmdline: input.cmdline,
        }),
      );

      await saveDefinition(definition);
      if (before.autostart !== input.autostart) await writeAutostart(target, input.autostart);
      if (!live) return { ok: true, live: "not-running" };
      const bootChanged = Object.keys(details.after as object).some((k) => k !== "autostart");
      return bootChanged ? nextBoot("bootSettings") : { ok: true, live: "applied" };
    },
    withDrafts(ctx),
  );
}
