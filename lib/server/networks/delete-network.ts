import "server-only";
import type { Actor } from "../auth/session";
import { auditedNetworkChange } from "./network-target";

/** Stops the network if it runs, then removes its definition (a transient network is gone once stopped). */
export async function deleteNetwork(actor: Actor, ip: string, hostId: string, name: string): Promise<void> {
  await auditedNetworkChange({ actor, ip, action: "network.delete", hostId, name }, async ({ lv, net }) => {
    const [active, persistent] = await Promise.all([lv.networks.isActive(net), lv.networks.isPersistent(net)]);
    if (active) await lv.networks.stop(net);
    if (persistent) await lv.networks.undefine(net);
  });
}
