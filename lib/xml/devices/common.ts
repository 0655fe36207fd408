// Pieces every device shares: its guest address, alias and boot order. The descriptors are shared
// objects, so a fixture that exercises one device's address counts for all of them.
import { attr, child, defineModel, intAttr, text } from "../core";

/** <address type='pci' domain= bus= slot= function=/>, <address type='drive' controller= bus= unit=/>, ... */
export class DeviceAddress extends defineModel("DeviceAddress", "address", {
  type: text("./@type"),
  domain: text("./@domain"),
  bus: text("./@bus"),
  slot: text("./@slot"),
  function: text("./@function"),
  multifunction: text<"on" | "off">("./@multifunction"),
  controller: text("./@controller"),
  target: text("./@target"),
  unit: text("./@unit"),
  port: text("./@port"),
  iobase: text("./@iobase"),
  /** type='dimm': the guest-physical address of a memory module. */
  base: text("./@base"),
  /** type='spapr-vio': the register of a POWER guest's virtual I/O device. */
  reg: text("./@reg"),
}) {}

/** Fields for the end of every device: libvirt prints <boot>, <alias> and <address> last. */
export const deviceTail = {
  alias: attr("./alias", "name"),
  address: child(() => DeviceAddress, "./address"),
};

export const bootOrderField = intAttr("./boot", "order");
