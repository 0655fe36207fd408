import "server-only";
import type { NetworkAction } from "@/lib/validations/networks";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { networkLabel, resolveNetwork, type NetworkInput } from "./network-target";

/** Start or stop a network (stopping cuts running guests attached to it off, as virsh net-destroy does). */
export async function networkAction(ctx: VerbContext, { action, ...ref }: NetworkInput & { action: NetworkAction }): Promise<void> {
  await audited(ctx, { action: `network.${action}`, target: await networkLabel(ref) }, async () => {
    const { lv, net } = await resolveNetwork(ref.hostId, ref.name);
    await (action === "start" ? lv.networks.start(net) : lv.networks.stop(net));
  });
}
