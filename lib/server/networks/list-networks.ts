import "server-only";
import { ErrorCode, isLibvirtError } from "@/lib/libvirt";
import type { NetworkListResponse, NetworkRow } from "@/lib/networks/types";
import { countLeases } from "./network-leases";
import { describeNetwork } from "./network-row";
import { resolveHost } from "./network-target";

/** Every virtual network of one host with its addressing, state and number of active leases. */
export async function listNetworks(hostId: string): Promise<NetworkListResponse> {
  const { lv } = await resolveHost(hostId);
  const summaries = await lv.networks.list();
  const rows = await Promise.all(
    summaries.map(async ({ ref, name, uuid, active, persistent, autostart }): Promise<NetworkRow | null> => {
      try {
        const [xml, leases] = await Promise.all([lv.networks.xml(ref), countLeases(lv, ref, active)]);
        return describeNetwork(hostId, { name, uuid, active, persistent, autostart }, xml, leases);
      } catch (err) {
        // Undefined between the list and this read: it is simply not there any more.
        if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_NETWORK)) return null;
        throw err;
      }
    }),
  );
  return { networks: rows.filter((r): r is NetworkRow => r !== null).sort((a, b) => a.name.localeCompare(b.name)) };
}
