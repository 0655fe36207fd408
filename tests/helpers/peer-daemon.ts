// A second libvirtd on this machine (scripts/test-peer/peer-daemon.sh): its own network, mount and UTS
// namespaces and host UUID, reached at qemu+tcp://10.77.0.2/system. Migration tests move guests to it.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, "../../scripts/test-peer/peer-daemon.sh");

export const PEER_ADDRESS = "10.77.0.2";
export const PEER_URI = `qemu+tcp://${PEER_ADDRESS}/system`;
/** Where the peer's private /run, /var/lib, /var/cache, /var/log and /etc for libvirt live on this machine. */
export const PEER_STATE_DIR = "/var/lib/virt-console-peer";
export const PEER_HOST_UUID = "7a5c0e1e-77a0-4c6b-9e2a-0000000000b2";
/** The peer's TLS listener asks for SASL: one SCRAM user (test-only credentials, as in peer-daemon.sh). */
export const PEER_TLS_URI = `qemu+tls://${PEER_ADDRESS}/system`;
export const PEER_PKI_DIR = `${PEER_STATE_DIR}/etc/pki`;
export const PEER_SASL_USER = "virtconsole";
export const PEER_SASL_PASSWORD = "peer-sasl-password";

export interface PeerDaemon {
  uri: string;
  address: string;
  hostUuid: string;
  /** Destroys the peer's guests, stops it and removes its namespace and files. */
  stop(): Promise<void>;
}

/** Starts the peer (a running one is reused) and returns how to reach it. Needs root. */
export async function startPeerDaemon(): Promise<PeerDaemon> {
  await run("bash", [SCRIPT, "start"], { timeout: 60_000 });
  return {
    uri: PEER_URI,
    address: PEER_ADDRESS,
    hostUuid: PEER_HOST_UUID,
    stop: async () => void (await run("bash", [SCRIPT, "stop"], { timeout: 60_000 })),
  };
}

/** A second peer in the first one's network namespace (cluster tests): another address, host UUID and host name. */
export const SECOND_PEER_ADDRESS = "10.77.0.3";
const SECOND_PEER_ENV = {
  PEER_ADDR: SECOND_PEER_ADDRESS,
  PEER_STATE_DIR: "/var/lib/virt-console-peer2",
  PEER_UUID: "7a5c0e1e-77a0-4c6b-9e2a-0000000000b3",
  PEER_HOSTNAME: "virt-console-peer2",
  PEER_SHARED_NETNS: "1",
};

/** Starts the second peer; start the first one (startPeerDaemon) before it, and stop it before the first. */
export async function startSecondPeerDaemon(): Promise<PeerDaemon> {
  const env = { ...process.env, ...SECOND_PEER_ENV };
  await run("bash", [SCRIPT, "start"], { timeout: 60_000, env });
  return {
    uri: `qemu+tcp://${SECOND_PEER_ADDRESS}/system`,
    address: SECOND_PEER_ADDRESS,
    hostUuid: SECOND_PEER_ENV.PEER_UUID,
    stop: async () => void (await run("bash", [SCRIPT, "stop"], { timeout: 60_000, env })),
  };
}
