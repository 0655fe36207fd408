import { attr, defineModel, int, intAttr, text } from "../core";

/**
 * A host device from `virsh nodedev-dumpxml`. The first <capability> says what it is; pci, usb_device,
 * net and storage fields are read from it (bus and vendor/product are shared by PCI and USB).
 */
export class NodeDevice extends defineModel("NodeDevice", "device", {
  name: text("./name"),
  path: text("./path"),
  devnode: text("./devnode"),
  parent: text("./parent"),
  driverName: text("./driver/name"),
  capabilityType: attr("./capability", "type"),
  pciClass: text("./capability/class"),
  pciDomain: int("./capability/domain"),
  bus: int("./capability/bus"),
  pciSlot: int("./capability/slot"),
  pciFunction: int("./capability/function"),
  usbDevice: int("./capability/device"),
  productId: attr("./capability/product", "id"),
  productName: text("./capability/product"),
  vendorId: attr("./capability/vendor", "id"),
  vendorName: text("./capability/vendor"),
  iommuGroup: intAttr("./capability/iommuGroup", "number"),
  netInterface: text("./capability/interface"),
  netAddress: text("./capability/address"),
  linkState: attr("./capability/link", "state"),
  block: text("./capability/block"),
  driveType: text("./capability/drive_type"),
}) {
  /** "0000:00:03.0" for PCI devices. */
  get pciAddress(): string | undefined {
    if (this.capabilityType !== "pci" || this.pciDomain === undefined) return undefined;
    const hex = (n: number | undefined, width: number) => (n ?? 0).toString(16).padStart(width, "0");
    return `${hex(this.pciDomain, 4)}:${hex(this.bus, 2)}:${hex(this.pciSlot, 2)}.${hex(this.pciFunction, 1)}`;
  }
}
