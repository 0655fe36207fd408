import "server-only";
import type { NetworkAction } from "@/lib/validations/networks";
import type { Actor } from "../auth/session";
import { auditedNetworkChange } from "./network-target";

/** Start or stop a network (stopping cuts running guests attached to it off, as virsh net-destroy does). */
export async function networkAction(actor: Actor, ip: string, hostId: string, name: string, action: NetworkAction): Promise<void> {
  await auditedNetworkChange({ actor, ip, action: `network.${action}`, hostId, name }, ({ lv, net }) =>
    action === "start" ? lv.networks.start(net) : lv.networks.stop(net),
  );
}
