import "server-only";
import { phrases, say } from "@/lib/guests/hardware/device-words";
import type { VsockValues } from "@/lib/validations/hardware/vsock";
import { Vsock } from "@/lib/xml";
import { ApiError } from "../../../http/errors";
import { defineCodec } from "../codec";
import { changed } from "./shared-codec";

// A running guest with an automatic CID reads back its assigned address; only a fixed one is a value.
const valuesOf = (v: Vsock): VsockValues =>
  v.cidAuto === false ? { cid: "fixed", address: v.cidAddress ?? null } : { cid: "auto", address: null };

function writeCid(v: Vsock, values: VsockValues): void {
  v.cidAuto = values.cid === "auto";
  v.cidAddress = values.cid === "fixed" ? (values.address ?? undefined) : undefined;
}

export const vsockCodec = defineCodec<Vsock, VsockValues>({
  family: "vsock",
  list: (dom) => dom.devices.vsocks,
  describe: (v) => ({
    title: phrases("VirtIO VSOCK"),
    summary: phrases(
      v.cidAuto === false
        ? `CID ${v.cidAddress ?? "?"}`
        : v.cidAddress !== undefined
          ? say("cidChosen", { cid: v.cidAddress })
          : say("cidAtStart"),
    ),
  }),
  values: valuesOf,
  create: (values, ctx) => {
    // libvirt keeps one vsock per guest.
    if (ctx.saved.devices.vsocks.length > 0 || (ctx.live?.devices.vsocks.length ?? 0) > 0) throw new ApiError(409, { key: "vsockExists" });
    const v = new Vsock({ model: Vsock.defaults.model });
    writeCid(v, values);
    return { device: v };
  },
  edit: (v, values) => {
    if (changed(valuesOf(v), values, "cid", "address")) writeCid(v, values);
  },
  // libvirt plugs and unplugs it live (the host needs /dev/vhost-vsock); a CID change waits for a restart.
  hotplug: { attach: true, detach: true, update: false },
});
