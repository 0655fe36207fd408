import "server-only";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirNetworkUpdateFlags as Affect, VirNetworkXMLFlags } from "@/lib/libvirt/generated/flags";
import type { NetworkEdit } from "@/lib/validations/networks";
import { Network } from "@/lib/xml";
import type { Actor } from "../auth/session";
import { liveChange } from "./live-change";
import { auditedNetworkChange } from "./network-target";

/**
 * Autostart, or one change libvirt makes without restarting the network: static DHCP hosts, DHCP
 * ranges and DNS hosts. It applies to the running network and to its definition, whichever exist.
 */
export async function updateNetwork(actor: Actor, ip: string, hostId: string, name: string, edit: NetworkEdit): Promise<void> {
  const change = { actor, ip, hostId, name };
  if (edit.kind === "autostart") {
    const { autostart } = edit;
    await auditedNetworkChange({ ...change, action: "network.autostart", details: { autostart } }, ({ lv, net }) =>
      lv.networks.setAutostart(net, autostart),
    );
    return;
  }
  const { kind, op, ...details } = edit;
  await auditedNetworkChange({ ...change, action: `network.${kind}.${op}`, details }, async ({ lv, net }) => {
    const [active, persistent] = await Promise.all([lv.networks.isActive(net), lv.networks.isPersistent(net)]);
    const xml = await lv.networks.xml(net, persistent ? VirNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE : 0);
    const flags = flagSet(active ? Affect.VIR_NETWORK_UPDATE_AFFECT_LIVE : 0, persistent ? Affect.VIR_NETWORK_UPDATE_AFFECT_CONFIG : 0);
    await lv.networks.update(net, { ...liveChange(Network.parse(xml), edit), flags });
  });
}
