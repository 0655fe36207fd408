import "server-only";
import { uuidToString } from "@/lib/libvirt";
import type { NetworkDetailResponse } from "@/lib/networks/types";
import { Network } from "@/lib/xml";
import { readLeases } from "./network-leases";
import { describeNetwork } from "./network-row";
import { resolveNetwork } from "./network-target";

/** One network with its active DHCP leases, DNS hosts and XML (the live definition while it runs). */
export async function getNetwork(hostId: string, name: string): Promise<NetworkDetailResponse> {
  const { lv, net } = await resolveNetwork(hostId, name);
  const [active, persistent, autostart, xml] = await Promise.all([
    lv.networks.isActive(net),
    lv.networks.isPersistent(net),
    lv.networks.autostart(net),
    lv.networks.xml(net),
  ]);
  // The test driver keeps no leases; that is "none", not an error for the page.
  const leases = active ? await readLeases(lv, net).catch(() => []) : [];
  const network = describeNetwork(
    hostId,
    { name: net.name, uuid: uuidToString(net.uuid), active, persistent, autostart },
    xml,
    active ? leases.length : null,
  );
  const dnsHosts = Network.parse(xml).dnsHosts.map((h) => ({ ip: h.ip ?? "", hostnames: h.hostnames }));
  return { network, leases, dnsHosts, xml };
}
