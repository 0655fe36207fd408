import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { NamedSubnets } from "@/lib/networks/addresses";
import { overlapIssue, plannedSubnets, type CreateNetworkInput } from "@/lib/validations/networks";
import { buildNetwork } from "@/lib/xml/builder/network-builder";
import { Network } from "@/lib/xml";
import { formatSubnet } from "@/lib/networks/addresses";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError, invalidField, type ErrorKey } from "../http/errors";
import type { MessageValues } from "@/lib/validations/messages";
import { readHostInterfaces } from "./list-interfaces";
import { networkSubnets } from "./network-row";
import { networkLabel, resolveHost, type HostTarget } from "./network-target";

const invalid = (field: string, said: { key: ErrorKey; values?: MessageValues }) => new ApiError(422, said, { [field]: said });

async function exists(lv: Libvirt, name: string): Promise<boolean> {
  return lv.networks.lookupByName(name).then(
    () => true,
    (err: unknown) => {
      if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_NETWORK)) return false;
      throw err;
    },
  );
}

/** What only the host can tell: a free name, subnets no other network uses, devices and bridges that exist. */
async function checkAgainstHost(target: HostTarget, input: CreateNetworkInput): Promise<void> {
  const { lv } = target;
  if (await exists(lv, input.name))
    throw new ApiError(409, { key: "networkExists", values: { name: input.name } }, { name: { key: "chooseAnotherName" } });
  const others: NamedSubnets[] = await Promise.all(
    (await lv.networks.list()).map(async (s) => ({ name: s.name, subnets: networkSubnets(Network.parse(await lv.networks.xml(s.ref))) })),
  );
  const overlap = overlapIssue(input, others);
  if (overlap) throw invalidField(overlap.path, overlap);

  const wantsDevice = (input.mode === "nat" || input.mode === "route") && input.forwardDev;
  if (!wantsDevice && input.mode !== "bridge") return;
  const { interfaces } = await readHostInterfaces(target);
  // A driver without interface listing says nothing: then libvirt's own checks have to do.
  if (interfaces.length === 0) return;
  const found = interfaces.find((i) => i.name === (input.mode === "bridge" ? input.bridgeName : input.forwardDev));
  if (input.mode === "bridge") {
    if (!found || found.kind !== "bridge") throw invalid("bridgeName", { key: "noBridgeNamed", values: { name: input.bridgeName } });
    if (found.network) throw invalid("bridgeName", { key: "bridgeOfNetwork", values: { name: found.name, network: found.network } });
  } else if (!found) {
    throw invalid("forwardDev", { key: "noInterfaceNamed", values: { name: input.forwardDev } });
  }
}

/**
 * Defines the network the wizard describes, then starts it and sets autostart as asked. Nothing
 * half-made stays behind: when starting (or autostart) fails, the definition is removed again and
 * libvirt's message is what the person sees.
 */
export async function createNetwork(
  ctx: VerbContext,
  { hostId, ...input }: { hostId: string } & CreateNetworkInput,
): Promise<{ name: string; active: boolean }> {
  const details = {
    mode: input.mode,
    subnets: plannedSubnets(input).map(formatSubnet),
    bridge: input.bridgeName || undefined,
    forwardDev: input.forwardDev || undefined,
    start: input.start,
    autostart: input.autostart,
  };
  const label = await networkLabel({ hostId, name: input.name });
  return audited(ctx, { action: "network.create", target: label, details }, async () => {
    const target = await resolveHost(hostId);
    await checkAgainstHost(target, input);
    const { lv } = target;
    const net = await lv.networks.define(buildNetwork(input).toXml());
    try {
      if (input.start) await lv.networks.start(net);
      if (input.autostart) await lv.networks.setAutostart(net, true);
    } catch (err) {
      if (input.start) await lv.networks.stop(net).catch(() => undefined);
      await lv.networks.undefine(net).catch(() => undefined);
      throw err;
    }
    return { name: input.name, active: input.start };
  });
}
