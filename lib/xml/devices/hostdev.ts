import { attr, defineModel, text, yesNo } from "../core";
import { bootOrderField, deviceTail } from "./common";

/** Host device passthrough: USB by vendor/product (or bus/device), PCI by domain:bus:slot.function. */
export class Hostdev extends defineModel("Hostdev", "hostdev", {
  mode: text<"subsystem" | "capabilities">("./@mode"),
  type: text<"usb" | "pci" | "scsi" | "mdev">("./@type"),
  managed: yesNo("./@managed"),
  driverName: attr("./driver", "name"),
  usbVendor: attr("./source/vendor", "id"),
  usbProduct: attr("./source/product", "id"),
  sourceAddressDomain: attr("./source/address", "domain"),
  sourceAddressBus: attr("./source/address", "bus"),
  sourceAddressSlot: attr("./source/address", "slot"),
  sourceAddressFunction: attr("./source/address", "function"),
  sourceAddressDevice: attr("./source/address", "device"),
  bootOrder: bootOrderField,
  ...deviceTail,
}) {}

export class Redirdev extends defineModel("Redirdev", "redirdev", {
  bus: text<"usb">("./@bus"),
  type: text<"spicevmc" | "tcp">("./@type"),
  bootOrder: bootOrderField,
  ...deviceTail,
}) {}
