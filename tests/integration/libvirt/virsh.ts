import { execFileSync } from "node:child_process";

/** Runs virsh against the same daemon (qemu:///system) for cross-checking. */
export function virsh(...args: string[]): string {
  return execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });
}

export const lines = (s: string): string[] =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
