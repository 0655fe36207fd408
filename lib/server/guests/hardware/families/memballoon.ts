import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { MemballoonValues } from "@/lib/validations/hardware/memballoon";
import { Memballoon } from "@/lib/xml";
import { defineCodec } from "../codec";
import { changed, orUndefined } from "./shared-codec";

function valuesOf(m: Memballoon): MemballoonValues {
  return { model: m.model === "none" ? "none" : "virtio", autodeflate: m.autodeflate ?? false, statsPeriod: m.statsPeriod ?? null };
}

function write(m: Memballoon, v: MemballoonValues): void {
  const on = v.model === "virtio";
  m.autodeflate = on && v.autodeflate ? true : undefined;
  m.statsPeriod = on ? orUndefined(v.statsPeriod) : undefined;
}

export const memballoonCodec = defineCodec<Memballoon, MemballoonValues>({
  family: "memballoon",
  list: (dom) => dom.devices.memballoons,
  describe: (m) =>
    describeAs(
      [say("memballoon")],
      m.model === "none"
        ? [say("balloonOff")]
        : [
            m.model ?? Memballoon.defaults.model,
            m.autodeflate && say("deflatesOnOom"),
            !!m.statsPeriod && say("statsEvery", { seconds: m.statsPeriod }),
          ],
    ),
  values: valuesOf,
  create: (v) => {
    const m = new Memballoon({ model: v.model });
    write(m, v);
    return { device: m };
  },
  edit: (m, v) => {
    const before = valuesOf(m);
    if (changed(before, v, "model")) {
      m.model = v.model;
      // A balloon that is switched off has no PCI slot and none of the virtio options.
      m.freePageReporting = undefined;
      m.address.removeFromParent();
    }
    if (changed(before, v, "model", "autodeflate", "statsPeriod")) write(m, v);
  },
  // libvirt keeps exactly one balloon per guest; model none is how it is switched off.
  removable: () => false,
  hotplug: { attach: false, detach: false, update: false },
});
