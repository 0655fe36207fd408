import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { NetworkRef } from "@/lib/libvirt/api/networks";
import { VirIPAddrType } from "@/lib/libvirt/generated/flags";
import type { DhcpLease } from "@/lib/networks/types";

/** The network's active DHCP leases (libvirt reads dnsmasq's lease file); none while it is stopped. */
export async function readLeases(lv: Libvirt, net: NetworkRef): Promise<DhcpLease[]> {
  const leases = await lv.networks.dhcpLeases(net);
  return leases
    .map((l) => ({
      family: l.type === VirIPAddrType.VIR_IP_ADDR_TYPE_IPV6 ? ("ipv6" as const) : ("ipv4" as const),
      ip: l.ipaddr,
      prefix: l.prefix,
      mac: l.mac,
      hostname: l.hostname,
      clientId: l.clientid,
      expiresAt: Number(l.expirytime) * 1000,
    }))
    .sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }));
}

/** Lease count for the list: null when the network is stopped or the driver keeps no leases (test driver). */
export async function countLeases(lv: Libvirt, net: NetworkRef, active: boolean): Promise<number | null> {
  if (!active) return null;
  return readLeases(lv, net).then(
    (l) => l.length,
    () => null,
  );
}
