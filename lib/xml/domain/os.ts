import { attr, defineModel, text, values, yesNo, intAttr } from "../core";

/**
 * <os>: guest type and machine, firmware (BIOS, or UEFI with optional secure boot), boot order
 * and direct kernel boot. Field order follows libvirt's output.
 */
export class DomainOs extends defineModel("DomainOs", "os", {
  firmware: text<"bios" | "efi">("./@firmware"),
  type: text<"hvm" | "xen" | "linux" | "exe">("./type"),
  arch: attr("./type", "arch"),
  machine: attr("./type", "machine"),
  secureBoot: yesNo("./firmware/feature[@name='secure-boot']/@enabled"),
  enrolledKeys: yesNo("./firmware/feature[@name='enrolled-keys']/@enabled"),
  loader: text("./loader"),
  loaderReadonly: yesNo("./loader/@readonly"),
  loaderSecure: yesNo("./loader/@secure"),
  loaderType: attr<"rom" | "pflash">("./loader", "type"),
  nvram: text("./nvram"),
  nvramTemplate: attr("./nvram", "template"),
  kernel: text("./kernel"),
  initrd: text("./initrd"),
  cmdline: text("./cmdline"),
  bootDevices: values("./boot/@dev"),
  bootMenu: yesNo("./bootmenu/@enable"),
  bootMenuTimeout: intAttr("./bootmenu", "timeout"),
  smbiosMode: attr("./smbios", "mode"),
}) {
  /** UEFI through libvirt's firmware auto-selection, optionally with secure boot (needs SMM). */
  useUefi(secureBoot: boolean): void {
    this.firmware = "efi";
    this.secureBoot = secureBoot;
    this.enrolledKeys = secureBoot ? true : undefined;
  }
}
