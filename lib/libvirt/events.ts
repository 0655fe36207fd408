// Event registration and fan-out. libvirt allows one registration per (eventID, object)
// per connection, so each key is registered once and delivered to any number of local
// listeners; registrations are replayed on every new session (after a reconnect).
import { ErrorCode, LibvirtError } from "./errors";
import type { Packet } from "./framing";
import { VirDomainEventID, VirNetworkEventID, VirNodeDeviceEventID, VirStoragePoolEventID } from "./generated/flags";
import {
  REMOTE_PROGRAM,
  remoteProcedures,
  type RemoteNonnullDomain,
  type RemoteNonnullNetwork,
  type RemoteNonnullNodeDevice,
  type RemoteNonnullStoragePool,
} from "./generated/remote";
import type { ProcedureDef } from "./procedure";
import type { RpcSession } from "./rpc";
import { withoutPrefix } from "./short-names";
import { XdrReader } from "./xdr";

export type EventFamily = "domain" | "network" | "storagePool" | "nodeDevice" | "connectionClosed";

export type EventSpec =
  | { family: "domain"; eventId: VirDomainEventID; domain?: RemoteNonnullDomain | null }
  | { family: "network"; eventId: VirNetworkEventID; network?: RemoteNonnullNetwork | null }
  | { family: "storagePool"; eventId: VirStoragePoolEventID; pool?: RemoteNonnullStoragePool | null }
  | { family: "nodeDevice"; eventId: VirNodeDeviceEventID; device?: RemoteNonnullNodeDevice | null }
  | { family: "connectionClosed" };

export interface LibvirtEvent {
  family: EventFamily;
  /** Event procedure name, e.g. "DOMAIN_EVENT_CALLBACK_LIFECYCLE". */
  procedure: string;
  /** Decoded payload without the callbackID wrapper, e.g. {dom, event, detail}. */
  data: Record<string, unknown>;
}

export type EventListener = (event: LibvirtEvent) => void;

export interface Subscription {
  unsubscribe(): Promise<void>;
}

/** virDomainEventID: DomainEventId.LIFECYCLE ... */
export const DomainEventId = withoutPrefix(VirDomainEventID, "VIR_DOMAIN_EVENT_ID_");
export const NetworkEventId = withoutPrefix(VirNetworkEventID, "VIR_NETWORK_EVENT_ID_");
export const StoragePoolEventId = withoutPrefix(VirStoragePoolEventID, "VIR_STORAGE_POOL_EVENT_ID_");
export const NodeDeviceEventId = withoutPrefix(VirNodeDeviceEventID, "VIR_NODE_DEVICE_EVENT_ID_");

const FAMILY_OF_PREFIX: [RegExp, EventFamily][] = [
  [/^DOMAIN_EVENT_CALLBACK_/, "domain"],
  [/^NETWORK_EVENT_/, "network"],
  [/^STORAGE_POOL_EVENT_/, "storagePool"],
  [/^NODE_DEVICE_EVENT_/, "nodeDevice"],
  [/^CONNECT_EVENT_CONNECTION_CLOSED$/, "connectionClosed"],
];

type AnyMsgDef = ProcedureDef<never, unknown, unknown>;
const messageProcedures = new Map<number, { def: AnyMsgDef; family: EventFamily }>();
for (const def of Object.values(remoteProcedures) as AnyMsgDef[]) {
  const family = FAMILY_OF_PREFIX.find(([re]) => re.test(def.name))?.[1];
  if (def.decodeMsg && family) messageProcedures.set(def.proc, { def, family });
}

interface Registration {
  key: string;
  spec: EventSpec;
  listeners: Set<EventListener>;
  callbackId: number | null;
  /** Resolves once registered on the current session. */
  ready: Promise<void> | null;
}

function targetKey(spec: EventSpec): string {
  const t =
    spec.family === "domain"
      ? spec.domain
      : spec.family === "network"
        ? spec.network
        : spec.family === "storagePool"
          ? spec.pool
          : spec.family === "nodeDevice"
            ? spec.device
            : null;
  const id = t ? ("uuid" in t ? (t.uuid as Buffer).toString("hex") : t.name) : "*";
  return `${spec.family}:${"eventId" in spec ? spec.eventId : ""}:${id}`;
}

export class EventHub {
  private readonly registrations = new Map<string, Registration>();
  private session: RpcSession | null = null;

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  /** Adopts a (new) session and re-registers every key that still has listeners. */
  async attach(session: RpcSession): Promise<void> {
    this.session = session;
    session.on("message", (p: Packet) => this.dispatch(p));
    await Promise.all(
      [...this.registrations.values()].map((reg) => {
        reg.callbackId = null;
        reg.ready = this.register(session, reg);
        return reg.ready;
      }),
    );
  }

  async subscribe(spec: EventSpec, listener: EventListener): Promise<Subscription> {
    const key = targetKey(spec);
    let reg = this.registrations.get(key);
    if (!reg) {
      reg = { key, spec, listeners: new Set(), callbackId: null, ready: null };
      this.registrations.set(key, reg);
      if (this.session && !this.session.closed) reg.ready = this.register(this.session, reg);
    }
    reg.listeners.add(listener);
    const current = reg;
    try {
      await current.ready;
    } catch (err) {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.registrations.get(key) === current) this.registrations.delete(key);
      throw err;
    }
    return { unsubscribe: () => this.unsubscribe(current, listener) };
  }

  private async unsubscribe(reg: Registration, listener: EventListener): Promise<void> {
    if (!reg.listeners.delete(listener) || reg.listeners.size > 0) return;
    this.registrations.delete(reg.key);
    const session = this.session;
    if (!session || session.closed) return;
    await reg.ready?.catch(() => undefined);
    const id = reg.callbackId;
    const p = remoteProcedures;
    switch (reg.spec.family) {
      case "domain":
        if (id !== null) await session.call(p.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, { callbackID: id });
        return;
      case "network":
        if (id !== null) await session.call(p.CONNECT_NETWORK_EVENT_DEREGISTER_ANY, { callbackID: id });
        return;
      case "storagePool":
        if (id !== null) await session.call(p.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, { callbackID: id });
        return;
      case "nodeDevice":
        if (id !== null) await session.call(p.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, { callbackID: id });
        return;
      case "connectionClosed":
        await session.call(p.CONNECT_UNREGISTER_CLOSE_CALLBACK, undefined);
        return;
    }
  }

  private async register(session: RpcSession, reg: Registration): Promise<void> {
    const p = remoteProcedures;
    const spec = reg.spec;
    switch (spec.family) {
      case "domain":
        reg.callbackId = (
          await session.call(p.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, { eventID: spec.eventId, dom: spec.domain ?? null })
        ).callbackID;
        return;
      case "network":
        reg.callbackId = (
          await session.call(p.CONNECT_NETWORK_EVENT_REGISTER_ANY, { eventID: spec.eventId, net: spec.network ?? null })
        ).callbackID;
        return;
      case "storagePool":
        reg.callbackId = (
          await session.call(p.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, { eventID: spec.eventId, pool: spec.pool ?? null })
        ).callbackID;
        return;
      case "nodeDevice":
        reg.callbackId = (
          await session.call(p.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, { eventID: spec.eventId, dev: spec.device ?? null })
        ).callbackID;
        return;
      case "connectionClosed":
        await session.call(p.CONNECT_REGISTER_CLOSE_CALLBACK, undefined);
        return;
    }
  }

  private dispatch({ header, payload }: Packet): void {
    if (header.prog !== REMOTE_PROGRAM) return;
    const entry = messageProcedures.get(header.proc);
    if (!entry) return;
    let decoded: Record<string, unknown>;
    try {
      decoded = entry.def.decodeMsg!(new XdrReader(payload)) as Record<string, unknown>;
    } catch (err) {
      this.onListenerError(new LibvirtError({ code: ErrorCode.VIR_ERR_RPC, message: `undecodable ${entry.def.name} event`, cause: err }));
      return;
    }
    const { callbackID, ...rest } = decoded;
    const data = Object.keys(rest).length === 1 && "msg" in rest ? (rest.msg as Record<string, unknown>) : rest;
    const event: LibvirtEvent = { family: entry.family, procedure: entry.def.name, data };
    for (const reg of this.registrations.values()) {
      if (reg.spec.family !== entry.family) continue;
      if (entry.family !== "connectionClosed" && reg.callbackId !== callbackID) continue;
      for (const listener of [...reg.listeners]) {
        try {
          listener(event);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
  }
}
