import "server-only";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { networkLabel, resolveNetwork, type NetworkInput } from "./network-target";

/** Stops the network if it runs, then removes its definition (a transient network is gone once stopped). */
export async function deleteNetwork(ctx: VerbContext, ref: NetworkInput): Promise<void> {
  await audited(ctx, { action: "network.delete", target: await networkLabel(ref) }, async () => {
    const { lv, net } = await resolveNetwork(ref.hostId, ref.name);
    const [active, persistent] = await Promise.all([lv.networks.isActive(net), lv.networks.isPersistent(net)]);
    if (active) await lv.networks.stop(net);
    if (persistent) await lv.networks.undefine(net);
  });
}
