import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { NetworkRef } from "@/lib/libvirt/api/networks";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";

export type HostTarget = { lv: Libvirt; hostId: string; hostName: string; hostUri: string };
export type NetworkTarget = HostTarget & { net: NetworkRef };

/** The host's connection; a host the console does not know is a 404. */
export async function resolveHost(hostId: string): Promise<HostTarget> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  return { lv: await hostPool().get(hostId), hostId, hostName: host.name, hostUri: host.uri };
}

/** The host's connection and the network's handle; a network libvirt does not know is a 404, not a 409. */
export async function resolveNetwork(hostId: string, name: string): Promise<NetworkTarget> {
  const target = await resolveHost(hostId);
  try {
    return { ...target, net: await target.lv.networks.lookupByName(name) };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_NETWORK)) throw notFound("network");
    throw err;
  }
}

/** A network of one host, as routes name it. */
export type NetworkInput = { hostId: string; name: string };

/** How an audit row names a network: by host name, so it reads well after either is gone. */
export async function networkLabel({ hostId, name }: NetworkInput): Promise<string> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true } });
  return `network:${host?.name ?? hostId}/${name}`;
}
