import { attr, defineModel, list, text, yesNo } from "../core";
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

/** One rule of a redirection filter: which USB devices a SPICE client may (or may not) hand to the guest. */
export class RedirfilterUsbdev extends defineModel("RedirfilterUsbdev", "usbdev", {
  usbClass: text("./@class"),
  vendor: text("./@vendor"),
  product: text("./@product"),
  version: text("./@version"),
  allow: yesNo("./@allow"),
}) {}

/** The rules for every USB redirector of the guest, first match wins. */
export class Redirfilter extends defineModel("Redirfilter", "redirfilter", {
  usbdevs: list(() => RedirfilterUsbdev, "./usbdev"),
}) {}

/** A USB hub, for more USB ports than the controller has. */
export class Hub extends defineModel("Hub", "hub", {
  type: text<"usb">("./@type"),
  ...deviceTail,
}) {}
