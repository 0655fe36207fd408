import { attr, defineModel, int, intAttr, text } from "../core";
import { deviceTail } from "./common";

export type ControllerType = "pci" | "usb" | "scsi" | "sata" | "ide" | "virtio-serial" | "fdc" | "ccid" | "xenbus";

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
}) {}
