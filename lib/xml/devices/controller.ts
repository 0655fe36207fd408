import { attr, defineModel, int, intAttr, text } from "../core";
import { deviceTail } from "./common";

export type ControllerType = "pci" | "usb" | "scsi" | "sata" | "ide" | "virtio-serial" | "fdc" | "ccid" | "xenbus";

/** The models of each controller type the console knows; "" is the hypervisor's default. */
const modelsByType = {
  usb: ["qemu-xhci", "nec-xhci", "ich9-ehci1", "piix3-uhci", "none"],
  scsi: ["virtio-scsi", "lsilogic"],
  sata: [""],
  "virtio-serial": [""],
  ccid: [""],
  pci: ["pci-root", "pcie-root", "pcie-root-port", "pci-bridge", "pcie-to-pci-bridge", "dmi-to-pci-bridge", ""],
} as const satisfies Partial<Record<ControllerType, readonly string[]>>;

export class Controller extends defineModel("Controller", "controller", {
  type: text<ControllerType>("./@type"),
  index: int("./@index"),
  model: text("./@model"),
  ports: int("./@ports"),
  vectors: int("./@vectors"),
  targetChassis: intAttr("./target", "chassis"),
  targetPort: attr("./target", "port"),
  driverQueues: intAttr("./driver", "queues"),
  ...deviceTail,
}) {
  static readonly modelsByType = modelsByType;
  /** A new controller: virtio-scsi, the one the guest's disks then sit on. */
  static readonly defaults = { type: "scsi", model: "virtio-scsi" } as const;
}
