import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { NetworkRef } from "@/lib/libvirt/api/networks";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";

export type HostTarget = { lv: Libvirt; hostId: string; hostName: string; hostUri: string };
export type NetworkTarget = HostTarget & { net: NetworkRef };

/** The host's connection; a host the console does not know is a 404. */
export async function resolveHost(hostId: string): Promise<HostTarget> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("Host");
  return { lv: await hostPool().get(hostId), hostId, hostName: host.name, hostUri: host.uri };
}

/** The host's connection and the network's handle; a network libvirt does not know is a 404, not a 409. */
export async function resolveNetwork(hostId: string, name: string): Promise<NetworkTarget> {
  const target = await resolveHost(hostId);
  try {
    return { ...target, net: await target.lv.networks.lookupByName(name) };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_NETWORK)) throw notFound("Network");
    throw err;
  }
}

type NetworkChange = { actor: Actor; ip: string; action: string; hostId: string; name: string; details?: Record<string, unknown> };

/**
 * Runs a change and writes its audit row either way: "ok", or "error" with the message (libvirt's own
 * when it refused). The target names host and network so the log reads well after either is gone.
 */
async function audited<T, Target extends HostTarget>(
  change: NetworkChange,
  resolve: () => Promise<Target>,
  run: (target: Target) => Promise<T>,
): Promise<T> {
  let target: Target | null = null;
  const label = () => `network:${target?.hostName ?? change.hostId}/${change.name}`;
  try {
    target = await resolve();
    const result = await run(target);
    await audit({ actor: change.actor, action: change.action, target: label(), details: change.details, result: "ok", ip: change.ip });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit({
      actor: change.actor,
      action: change.action,
      target: label(),
      details: { ...change.details, error: message },
      result: "error",
      ip: change.ip,
    });
    throw err;
  }
}

/** A change to an existing network. */
export function auditedNetworkChange<T>(change: NetworkChange, run: (target: NetworkTarget) => Promise<T>): Promise<T> {
  return audited(change, () => resolveNetwork(change.hostId, change.name), run);
}

/** A change that makes a network on the host (it has no handle yet). */
export function auditedNetworkCreation<T>(change: NetworkChange, run: (target: HostTarget) => Promise<T>): Promise<T> {
  return audited(change, () => resolveHost(change.hostId), run);
}
