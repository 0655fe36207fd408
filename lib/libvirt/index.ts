// Public entry point of the pure-TypeScript libvirt RPC client.
import { BackupApi } from "./api/backups";
import { DomainApi } from "./api/domains";
import { InterfaceApi, NodeDeviceApi } from "./api/devices";
import { HostApi } from "./api/host";
import { NetworkApi } from "./api/networks";
import { StorageApi } from "./api/storage";
import type { LibvirtClient } from "./client";
import { connect, type ConnectOptions } from "./connect";

/** Ergonomic view over one LibvirtClient: `lv.domains.list()`, `lv.host.nodeInfo()` ... */
export class Libvirt {
  readonly host: HostApi;
  readonly domains: DomainApi;
  readonly networks: NetworkApi;
  readonly storage: StorageApi;
  readonly interfaces: InterfaceApi;
  readonly nodeDevices: NodeDeviceApi;
  readonly backups: BackupApi;

  constructor(readonly client: LibvirtClient) {
    this.host = new HostApi(client);
    this.domains = new DomainApi(client);
    this.networks = new NetworkApi(client);
    this.storage = new StorageApi(client);
    this.interfaces = new InterfaceApi(client);
    this.nodeDevices = new NodeDeviceApi(client);
    this.backups = new BackupApi(client);
  }

  static async open(uri: string, options: ConnectOptions = {}): Promise<Libvirt> {
    return new Libvirt(await connect(uri, options));
  }

  /** A second, independent connection to the same URI (for long jobs). */
  async duplicate(): Promise<Libvirt> {
    return new Libvirt(await this.client.duplicate());
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export { LibvirtClient, type ClientOptions, type ConnectionState, type ReconnectOptions } from "./client";
export { connect, dialerForUri, type ConnectOptions } from "./connect";
export {
  AbortError,
  ConnectionClosedError,
  ErrorCode,
  ErrorDomain,
  LibvirtError,
  ProtocolError,
  TimeoutError,
  isAbortError,
  isConnectionClosedError,
  isLibvirtError,
  isProtocolError,
  isTimeoutError,
} from "./errors";
export { flagSet, hasFlag, type FlagBit, type Flags } from "./flag-set";
export {
  DomainEventId,
  NetworkEventId,
  NodeDeviceEventId,
  StoragePoolEventId,
  type EventSpec,
  type LibvirtEvent,
  type Subscription,
} from "./events";
export { LibvirtStream } from "./stream";
export type { CallOptions } from "./rpc";
export type { Dialer } from "./transports/dialer";
export { sshDialer, type SshDialerOptions } from "./transports/ssh";
export { tcpDialer, tlsDialer, type TlsOptions } from "./transports/tcp";
export { unixDialer, defaultUnixSocket } from "./transports/unix";
export { parseUri, type LibvirtUri } from "./uri";
export { recordToTypedParams, typedParamsToRecord, type TypedParamValue } from "./api/typed-params";
export { DomainState, uuidToString, uuidFromString, type DomainRef, type DomainSummary } from "./api/domains";
export { remoteProcedures } from "./generated/remote";
export { qemuProcedures } from "./generated/qemu";
