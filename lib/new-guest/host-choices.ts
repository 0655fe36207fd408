// Shared by the wizard and its tests: how a host's machine types and ways of running guests are offered.

export type VirtTypeChoice = "auto" | "kvm" | "qemu";

/** Machine types nobody installs a general-purpose guest on: QEMU internals and special-purpose boards. */
const SPECIAL = new Set(["none", "microvm", "isapc", "x-remote"]);
const isSpecial = (m: string) => SPECIAL.has(m) || m.startsWith("x-") || m.startsWith("xen");
/** pc-q35-7.2, pc-i440fx-4.0, virt-8.1, pc-q35-4.0.1: a type pinned to one QEMU release (for migration). */
const isVersioned = (m: string) => /-\d+\.\d+(\.\d+)?$/.test(m);

export type MachineGroups = {
  /** The canonical names (q35, pc): each follows the host's newest version of its machine. */
  usual: string[];
  /** Only when all are asked for: pinned versions, then special-purpose types. */
  versioned: string[];
  special: string[];
};

/**
 * The machine types to offer, in the host's order: the canonical ones always, the versioned and special
 * ones only when asked for. A type already chosen stays offered either way.
 */
export function machineGroups(machines: readonly string[], showAll: boolean, chosen = ""): MachineGroups {
  const usual = machines.filter((m) => !isSpecial(m) && !isVersioned(m));
  const versioned = machines.filter((m) => !isSpecial(m) && isVersioned(m));
  const special = machines.filter(isSpecial);
  if (showAll) return { usual, versioned, special };
  return { usual: chosen && !usual.includes(chosen) ? [...usual, chosen] : usual, versioned: [], special: [] };
}

/** The Virt Type select: "auto" is the host's own way (KVM where it has it), written out once, not twice. Words: messages' newGuest.source.virtTypeOption. */
export function virtTypeOptions(host: "kvm" | "qemu"): { value: VirtTypeChoice; words: "kvm" | "qemu" | "qemuOnly" }[] {
  return host === "kvm"
    ? [
        { value: "auto", words: "kvm" },
        { value: "qemu", words: "qemu" },
      ]
    : [{ value: "auto", words: "qemuOnly" }];
}

/** What the guest will run on, for the host and the choice made (messages' newGuest.source.virtTypeSentence say it plainly). */
export function virtTypeSentence(host: "kvm" | "qemu", chosen: VirtTypeChoice): "noKvm" | "emulated" | "kvm" {
  if (host !== "kvm") return "noKvm";
  if (chosen === "qemu") return "emulated";
  return "kvm";
}
