// Shared by server and browser: whether a host is this machine's own system libvirt (qemu:///system,
// or the same over the local socket), which the console registers as "localhost" on its first start.
import { parseUri } from "@/lib/libvirt/uri";

export function isThisMachine(uri: string): boolean {
  try {
    const u = parseUri(uri);
    return u.driver === "qemu" && u.transport === "unix" && u.host === undefined && u.path === "/system" && !u.params.socket;
  } catch {
    return false;
  }
}

/** The host a form should start on: this machine when the person may use it, else the first one. */
export function preferThisMachine<H extends { uri: string }>(hosts: readonly H[]): H | undefined {
  return hosts.find((h) => isThisMachine(h.uri)) ?? hosts[0];
}
