import { Libvirt } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "./console-db";
import { startPeerDaemon, type PeerDaemon } from "./peer-daemon";
import { removeGuests } from "./test-guest";

/**
 * What tests of moving guests between hosts start from: a test console with this machine's libvirtd ("local")
 * and the peer libvirtd (tests/helpers/peer-daemon.ts, "peer") as its hosts, its admin, and a connection to each.
 */
export type TwoHosts = {
  tc: TestConsole;
  peer: PeerDaemon;
  admin: Actor;
  localId: string;
  peerId: string;
  lv: Libvirt;
  peerLv: Libvirt;
};

export async function startTwoHosts(): Promise<TwoHosts> {
  const peer = await startPeerDaemon();
  const tc = await startTestConsole();
  const admin = await tc.actor();
  const localId = await tc.addHost("local", "qemu:///system");
  const peerId = await tc.addHost("peer", peer.uri);
  const lv = await Libvirt.open("qemu:///system");
  const peerLv = await Libvirt.open(peer.uri);
  return { tc, peer, admin, localId, peerId, lv, peerLv };
}

/** Removes the guests named `made` from both daemons, then closes the connections, the console and the peer. */
export async function stopTwoHosts(hosts: Partial<TwoHosts>, made: readonly string[]): Promise<void> {
  const { lv, peerLv, tc, peer } = hosts;
  if (lv) await removeGuests(lv, made).catch(() => undefined);
  if (peerLv) await removeGuests(peerLv, made).catch(() => undefined);
  await lv?.close();
  await peerLv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  await peer?.stop();
}
