import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { controllerModels, type ControllerValues } from "@/lib/validations/hardware/controller";
import { Controller, type Domain } from "@/lib/xml";
import { defineCodec } from "../codec";
import { cannotCreate, ownerOf } from "./shared-codec";

const typeOf = (c: Controller) => (c.type && c.type in controllerModels ? (c.type as ControllerValues["type"]) : "pci");

/** The disks that sit on this controller (same bus type, same controller index). */
function users(c: Controller, dom: Domain | null): string[] {
  if (!dom || !c.type || !["scsi", "sata", "ide", "usb"].includes(c.type)) return [];
  return dom.devices.disks
    .filter((d) => d.targetBus === c.type && Number(d.address.controller ?? 0) === (c.index ?? 0))
    .map((d) => d.targetDev ?? "?");
}

export const controllerCodec = defineCodec<Controller, ControllerValues>({
  family: "controller",
  list: (dom) => dom.devices.controllers,
  describe: (c) => {
    const disks = users(c, ownerOf(c));
    return describeAs(
      [say("controller"), c.type ?? "?", c.index ?? 0],
      [c.model ?? say("defaultModel"), disks.length > 0 && say("inUseBy", { devices: disks.join(", ") })],
    );
  },
  values: (c) => {
    const type = typeOf(c);
    const model = (controllerModels[type] as readonly string[]).includes(c.model ?? "") ? (c.model ?? "") : controllerModels[type][0];
    return { type, model };
  },
  create: (values, ctx) => {
    if (values.type === "pci") cannotCreate("pciControllersAuto");
    const used = [ctx.saved, ctx.live].flatMap(
      (d) => d?.devices.controllers.filter((c) => c.type === values.type).map((c) => c.index ?? 0) ?? [],
    );
    const index = used.length ? Math.max(...used) + 1 : 0;
    return { device: new Controller({ type: values.type, index, model: values.model || undefined }) };
  },
  edit: (c, values) => {
    if ((c.model ?? "") !== values.model) c.model = values.model || undefined;
  },
  identity: (c) => `${c.type}:${c.index ?? 0}`,
  removable: (c) => !(c.type === "pci" && (c.index ?? 0) === 0) && users(c, ownerOf(c)).length === 0,
  hotplug: { attach: true, detach: true, update: false },
});
