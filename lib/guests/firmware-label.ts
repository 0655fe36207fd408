/** Which of the three ways firmware is named on every page (messages hold the words: "BIOS", "UEFI", "UEFI with Secure Boot"). */
export function firmwareKind(firmware: string, secureBoot: boolean): "bios" | "uefi" | "uefiSecure" {
  if (firmware !== "efi" && firmware !== "uefi") return "bios";
  return secureBoot ? "uefiSecure" : "uefi";
}
