/** How firmware is named on every page: "BIOS", "UEFI" or "UEFI with Secure Boot". */
export function firmwareLabel(firmware: string, secureBoot: boolean): string {
  if (firmware !== "efi" && firmware !== "uefi") return "BIOS";
  return secureBoot ? "UEFI with Secure Boot" : "UEFI";
}
