import "server-only";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirNetworkUpdateFlags as Affect, VirNetworkXMLFlags } from "@/lib/libvirt/generated/flags";
import type { NetworkEdit } from "@/lib/validations/networks";
import { Network } from "@/lib/xml";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { liveChange } from "./live-change";
import { networkLabel, resolveNetwork, type NetworkInput } from "./network-target";

/**
 * Autostart, or one change libvirt makes without restarting the network: static DHCP hosts, DHCP
 * ranges and DNS hosts. It applies to the running network and to its definition, whichever exist.
 */
export async function updateNetwork(ctx: VerbContext, { edit, ...ref }: NetworkInput & { edit: NetworkEdit }): Promise<void> {
  const target = await networkLabel(ref);
  if (edit.kind === "autostart") {
    const { autostart } = edit;
    await audited(ctx, { action: "network.autostart", target, details: { autostart } }, async () => {
      const { lv, net } = await resolveNetwork(ref.hostId, ref.name);
      await lv.networks.setAutostart(net, autostart);
    });
    return;
  }
  const { kind, op, ...details } = edit;
  await audited(ctx, { action: `network.${kind}.${op}`, target, details }, async () => {
    const { lv, net } = await resolveNetwork(ref.hostId, ref.name);
    const [active, persistent] = await Promise.all([lv.networks.isActive(net), lv.networks.isPersistent(net)]);
    const xml = await lv.networks.xml(net, persistent ? VirNetworkXMLFlags.VIR_NETWORK_XML_INACTIVE : 0);
    const flags = flagSet(active ? Affect.VIR_NETWORK_UPDATE_AFFECT_LIVE : 0, persistent ? Affect.VIR_NETWORK_UPDATE_AFFECT_CONFIG : 0);
    await lv.networks.update(net, { ...liveChange(Network.parse(xml), edit), flags });
  });
}
