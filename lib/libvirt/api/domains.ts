import type { LibvirtClient } from "../client";
import {
  REMOTE_DOMAIN_DISK_ERRORS_MAX,
  remoteProcedures as p,
  type RemoteNonnullDomain,
  type RemoteNonnullDomainSnapshot,
  type RemoteDomainInterface,
} from "../generated/remote";
import * as F from "../generated/flags";
import { qemuProcedures } from "../generated/qemu";
import { flagSet } from "../flag-set";
import { lowerNames, withoutPrefix } from "../short-names";
import type { CallOptions } from "../rpc";
import type { LibvirtStream } from "../stream";
import { recordToTypedParams, TypedParamType, typedParamsToRecord, type TypedParamValue } from "./typed-params";

export type DomainRef = RemoteNonnullDomain;

/** Migration parameters whose wire type cannot be guessed from the JS value. */
const MIGRATE_PARAM_TYPES: Record<string, number> = {
  bandwidth: TypedParamType.ULLONG,
  "auto_converge.initial": TypedParamType.INT,
  "auto_converge.increment": TypedParamType.INT,
};
export type SnapshotRef = RemoteNonnullDomainSnapshot;

/** virDomainState: DomainState.RUNNING ... */
export const DomainState = withoutPrefix(F.VirDomainState, "VIR_DOMAIN_");
/** virDomainState value -> "running", "shutoff" ... */
export const DOMAIN_STATE_NAMES = lowerNames(DomainState);

export interface DomainSummary {
  ref: DomainRef;
  name: string;
  uuid: string;
  id: number;
  state: number;
  stateName: string;
}

export interface DomainInfo {
  state: number;
  /** KiB */
  maxMemory: bigint;
  memory: bigint;
  vcpus: number;
  /** ns */
  cpuTime: bigint;
}

export interface DomainStats {
  domain: DomainRef;
  name: string;
  stats: Record<string, TypedParamValue>;
}

export function uuidToString(uuid: Buffer): string {
  const h = uuid.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidFromString(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`invalid UUID: ${uuid}`);
  return Buffer.from(hex, "hex");
}

export class DomainApi {
  constructor(private readonly client: LibvirtClient) {}

  /** All domains with their state (flags 0 = all). */
  async list(flags: F.VirConnectListAllDomainsFlags = 0): Promise<DomainSummary[]> {
    const { domains } = await this.client.call(p.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags });
    const states = await Promise.all(
      domains.map((dom) =>
        this.client.call(p.DOMAIN_GET_STATE, { dom, flags: 0 }).catch(() => ({ state: DomainState.NOSTATE, reason: 0 })),
      ),
    );
    return domains.map((dom, i) => ({
      ref: dom,
      name: dom.name,
      uuid: uuidToString(dom.uuid),
      id: dom.id,
      state: states[i].state,
      stateName: DOMAIN_STATE_NAMES[states[i].state] ?? "unknown",
    }));
  }

  async listRefs(flags: F.VirConnectListAllDomainsFlags = 0): Promise<DomainRef[]> {
    return (await this.client.call(p.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags })).domains;
  }

  async lookupByName(name: string): Promise<DomainRef> {
    return (await this.client.call(p.DOMAIN_LOOKUP_BY_NAME, { name })).dom;
  }

  async lookupByUuid(uuid: string | Buffer): Promise<DomainRef> {
    return (await this.client.call(p.DOMAIN_LOOKUP_BY_UUID, { uuid: typeof uuid === "string" ? uuidFromString(uuid) : uuid })).dom;
  }

  async define(xml: string, flags: F.VirDomainDefineFlags = 0): Promise<DomainRef> {
    return (await this.client.call(p.DOMAIN_DEFINE_XML_FLAGS, { xml, flags })).dom;
  }

  async undefine(dom: DomainRef, flags: F.VirDomainUndefineFlagsValues = 0): Promise<void> {
    await this.client.call(p.DOMAIN_UNDEFINE_FLAGS, { dom, flags });
  }

  /** Starts a transient domain from XML. */
  async createTransient(xml: string, flags: F.VirDomainCreateFlags = 0): Promise<DomainRef> {
    return (await this.client.call(p.DOMAIN_CREATE_XML, { xml_desc: xml, flags })).dom;
  }

  async start(dom: DomainRef, flags: F.VirDomainCreateFlags = 0): Promise<DomainRef> {
    return (await this.client.call(p.DOMAIN_CREATE_WITH_FLAGS, { dom, flags })).dom;
  }

  async shutdown(dom: DomainRef, flags: F.VirDomainShutdownFlagValues = 0): Promise<void> {
    await this.client.call(p.DOMAIN_SHUTDOWN_FLAGS, { dom, flags });
  }

  async reboot(dom: DomainRef, flags: F.VirDomainRebootFlagValues = 0): Promise<void> {
    await this.client.call(p.DOMAIN_REBOOT, { dom, flags });
  }

  async reset(dom: DomainRef): Promise<void> {
    await this.client.call(p.DOMAIN_RESET, { dom, flags: 0 });
  }

  /** Force off. */
  async destroy(dom: DomainRef, flags: F.VirDomainDestroyFlagsValues = 0): Promise<void> {
    await this.client.call(p.DOMAIN_DESTROY_FLAGS, { dom, flags });
  }

  async suspend(dom: DomainRef): Promise<void> {
    await this.client.call(p.DOMAIN_SUSPEND, { dom });
  }

  async resume(dom: DomainRef): Promise<void> {
    await this.client.call(p.DOMAIN_RESUME, { dom });
  }

  async xml(dom: DomainRef, flags: F.VirDomainXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.DOMAIN_GET_XML_DESC, { dom, flags })).xml;
  }

  async info(dom: DomainRef): Promise<DomainInfo> {
    const r = await this.client.call(p.DOMAIN_GET_INFO, { dom });
    return { state: r.state, maxMemory: r.maxMem, memory: r.memory, vcpus: r.nrVirtCpu, cpuTime: r.cpuTime };
  }

  async state(dom: DomainRef): Promise<{ state: number; reason: number; name: string }> {
    const r = await this.client.call(p.DOMAIN_GET_STATE, { dom, flags: 0 });
    return { ...r, name: DOMAIN_STATE_NAMES[r.state] ?? "unknown" };
  }

  async isActive(dom: DomainRef): Promise<boolean> {
    return (await this.client.call(p.DOMAIN_IS_ACTIVE, { dom })).active !== 0;
  }

  async isPersistent(dom: DomainRef): Promise<boolean> {
    return (await this.client.call(p.DOMAIN_IS_PERSISTENT, { dom })).persistent !== 0;
  }

  /** Disks with an I/O error since the guest started (error: virDomainDiskErrorCode). */
  async diskErrors(dom: DomainRef): Promise<{ disk: string; error: number }[]> {
    return (await this.client.call(p.DOMAIN_GET_DISK_ERRORS, { dom, maxerrors: REMOTE_DOMAIN_DISK_ERRORS_MAX, flags: 0 })).errors;
  }

  async blockResize(
    dom: DomainRef,
    disk: string,
    bytes: bigint,
    flags: F.VirDomainBlockResizeFlags = F.VirDomainBlockResizeFlags.VIR_DOMAIN_BLOCK_RESIZE_BYTES,
  ): Promise<void> {
    await this.client.call(p.DOMAIN_BLOCK_RESIZE, { dom, disk, size: bytes, flags });
  }

  /** value null removes it. */
  async setMetadata(
    dom: DomainRef,
    type: F.VirDomainMetadataType,
    value: string | null,
    flags: F.VirDomainModificationImpact = 0,
  ): Promise<void> {
    await this.client.call(p.DOMAIN_SET_METADATA, { dom, type, metadata: value, key: null, uri: null, flags });
  }

  /**
   * Sets (or, with null, removes) the guest's own metadata element under the namespace `uri`, written with the
   * prefix `key` (virDomainSetMetadata with VIR_DOMAIN_METADATA_ELEMENT).
   */
  async setElementMetadata(
    dom: DomainRef,
    uri: string,
    key: string,
    element: string | null,
    flags: F.VirDomainModificationImpact = 0,
  ): Promise<void> {
    const type = F.VirDomainMetadataType.VIR_DOMAIN_METADATA_ELEMENT;
    await this.client.call(p.DOMAIN_SET_METADATA, { dom, type, metadata: element, key: element === null ? null : key, uri, flags });
  }

  /** The metadata element under the namespace `uri`; libvirt refuses with VIR_ERR_NO_DOMAIN_METADATA when there is none. */
  async elementMetadata(dom: DomainRef, uri: string, flags: F.VirDomainModificationImpact = 0): Promise<string> {
    const type = F.VirDomainMetadataType.VIR_DOMAIN_METADATA_ELEMENT;
    return (await this.client.call(p.DOMAIN_GET_METADATA, { dom, type, uri, flags })).metadata;
  }

  async pinVcpu(dom: DomainRef, vcpu: number, cpumap: Buffer, flags: F.VirDomainModificationImpact = 0): Promise<void> {
    await this.client.call(p.DOMAIN_PIN_VCPU_FLAGS, { dom, vcpu, cpumap, flags });
  }

  async autostart(dom: DomainRef): Promise<boolean> {
    return (await this.client.call(p.DOMAIN_GET_AUTOSTART, { dom })).autostart !== 0;
  }

  async setAutostart(dom: DomainRef, enabled: boolean): Promise<void> {
    await this.client.call(p.DOMAIN_SET_AUTOSTART, { dom, autostart: enabled ? 1 : 0 });
  }

  async setVcpus(dom: DomainRef, count: number, flags: F.VirDomainVcpuFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_SET_VCPUS_FLAGS, { dom, nvcpus: count, flags });
  }

  /** memory in KiB */
  async setMemory(dom: DomainRef, kib: bigint | number, flags: F.VirDomainMemoryModFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_SET_MEMORY_FLAGS, { dom, memory: BigInt(kib), flags });
  }

  async attachDevice(dom: DomainRef, xml: string, flags: F.VirDomainDeviceModifyFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_ATTACH_DEVICE_FLAGS, { dom, xml, flags });
  }

  async detachDevice(dom: DomainRef, xml: string, flags: F.VirDomainDeviceModifyFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_DETACH_DEVICE_FLAGS, { dom, xml, flags });
  }

  async updateDevice(dom: DomainRef, xml: string, flags: F.VirDomainDeviceModifyFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_UPDATE_DEVICE_FLAGS, { dom, xml, flags });
  }

  /** From DHCP leases (the default), the guest agent or the ARP table. */
  async interfaceAddresses(
    dom: DomainRef,
    source: F.VirDomainInterfaceAddressesSource = F.VirDomainInterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE,
  ): Promise<RemoteDomainInterface[]> {
    return (await this.client.call(p.DOMAIN_INTERFACE_ADDRESSES, { dom, source, flags: 0 })).ifaces;
  }

  /** codeset: Linux keycodes unless told. */
  async sendKey(dom: DomainRef, keycodes: number[], opts: { codeset?: F.VirKeycodeSet; holdtimeMs?: number } = {}): Promise<void> {
    await this.client.call(p.DOMAIN_SEND_KEY, {
      dom,
      codeset: opts.codeset ?? F.VirKeycodeSet.VIR_KEYCODE_SET_LINUX,
      holdtime: opts.holdtimeMs ?? 0,
      keycodes,
      flags: 0,
    });
  }

  /** Returns the image bytes (PPM or PNG) and its MIME type. */
  async screenshot(dom: DomainRef, screen = 0, options: CallOptions = {}): Promise<{ mime: string; data: Buffer }> {
    const { reply, stream } = await this.client.callStream(p.DOMAIN_SCREENSHOT, { dom, screen, flags: 0 }, options);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { mime: reply.mime ?? "application/octet-stream", data: Buffer.concat(chunks) };
  }

  /** Bidirectional serial console stream; SAFE unless other flags are given. */
  async openConsole(dom: DomainRef, opts: { device?: string; flags?: F.VirDomainConsoleFlags } = {}): Promise<LibvirtStream> {
    const { stream } = await this.client.callStream(p.DOMAIN_OPEN_CONSOLE, {
      dom,
      dev_name: opts.device ?? null,
      flags: opts.flags ?? F.VirDomainConsoleFlags.VIR_DOMAIN_CONSOLE_SAFE,
    });
    return stream;
  }

  /** Guest-side channel (e.g. org.qemu.guest_agent.0) as a stream. */
  async openChannel(dom: DomainRef, name: string | null, flags: F.VirDomainChannelFlags = 0): Promise<LibvirtStream> {
    const { stream } = await this.client.callStream(p.DOMAIN_OPEN_CHANNEL, { dom, name, flags });
    return stream;
  }

  async jobStats(
    dom: DomainRef,
    flags: F.VirDomainGetJobStatsFlags = 0,
  ): Promise<{ type: F.VirDomainJobType; stats: Record<string, TypedParamValue> }> {
    const r = await this.client.call(p.DOMAIN_GET_JOB_STATS, { dom, flags });
    return { type: r.type as F.VirDomainJobType, stats: typedParamsToRecord(r.params) };
  }

  async abortJob(dom: DomainRef): Promise<void> {
    await this.client.call(p.DOMAIN_ABORT_JOB, { dom });
  }

  async managedSave(dom: DomainRef, flags: F.VirDomainSaveRestoreFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_MANAGED_SAVE, { dom, flags });
  }

  async hasManagedSave(dom: DomainRef): Promise<boolean> {
    return (await this.client.call(p.DOMAIN_HAS_MANAGED_SAVE_IMAGE, { dom, flags: 0 })).result !== 0;
  }

  async removeManagedSave(dom: DomainRef): Promise<void> {
    await this.client.call(p.DOMAIN_MANAGED_SAVE_REMOVE, { dom, flags: 0 });
  }

  async save(dom: DomainRef, path: string, opts: { xml?: string; flags?: F.VirDomainSaveRestoreFlags } = {}): Promise<void> {
    await this.client.call(p.DOMAIN_SAVE_FLAGS, { dom, to: path, dxml: opts.xml ?? null, flags: opts.flags ?? 0 });
  }

  async restore(path: string, opts: { xml?: string; flags?: F.VirDomainSaveRestoreFlags } = {}): Promise<void> {
    await this.client.call(p.DOMAIN_RESTORE_FLAGS, { from: path, dxml: opts.xml ?? null, flags: opts.flags ?? 0 });
  }

  /** The definition stored in a file written by save; libvirt refuses files that are no save image. */
  async saveImageXml(path: string, flags: F.VirDomainSaveImageXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.DOMAIN_SAVE_IMAGE_GET_XML_DESC, { file: path, flags })).xml;
  }

  async createSnapshot(dom: DomainRef, xml: string, flags: F.VirDomainSnapshotCreateFlags = 0): Promise<SnapshotRef> {
    return (await this.client.call(p.DOMAIN_SNAPSHOT_CREATE_XML, { dom, xml_desc: xml, flags })).snap;
  }

  async listSnapshots(dom: DomainRef, flags: F.VirDomainSnapshotListFlags = 0): Promise<SnapshotRef[]> {
    return (await this.client.call(p.DOMAIN_LIST_ALL_SNAPSHOTS, { dom, need_results: 1, flags })).snapshots;
  }

  async snapshotXml(snap: SnapshotRef, flags: F.VirDomainSnapshotXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.DOMAIN_SNAPSHOT_GET_XML_DESC, { snap, flags })).xml;
  }

  async revertToSnapshot(snap: SnapshotRef, flags: F.VirDomainSnapshotRevertFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_REVERT_TO_SNAPSHOT, { snap, flags });
  }

  async deleteSnapshot(snap: SnapshotRef, flags: F.VirDomainSnapshotDeleteFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_SNAPSHOT_DELETE, { snap, flags });
  }

  async lookupSnapshot(dom: DomainRef, name: string): Promise<SnapshotRef> {
    return (await this.client.call(p.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, { dom, name, flags: 0 })).snap;
  }

  /** The snapshot the guest's current state descends from, or null when there is none. */
  async currentSnapshot(dom: DomainRef): Promise<SnapshotRef | null> {
    if ((await this.client.call(p.DOMAIN_HAS_CURRENT_SNAPSHOT, { dom, flags: 0 })).result === 0) return null;
    return (await this.client.call(p.DOMAIN_SNAPSHOT_CURRENT, { dom, flags: 0 })).snap;
  }

  async isCurrentSnapshot(snap: SnapshotRef): Promise<boolean> {
    return (await this.client.call(p.DOMAIN_SNAPSHOT_IS_CURRENT, { snap, flags: 0 })).current !== 0;
  }

  /** Direct children, or with VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS all below. */
  async snapshotChildren(snap: SnapshotRef, flags: F.VirDomainSnapshotListFlags = 0): Promise<SnapshotRef[]> {
    return (await this.client.call(p.DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, { snapshot: snap, need_results: 1, flags })).snapshots;
  }

  /**
   * Managed peer-to-peer migration (virDomainMigrateToURI3 with PEER2PEER). Blocks until
   * done: run it on a second client (client.duplicate()) so other calls keep flowing.
   */
  async migrate(
    dom: DomainRef,
    destinationUri: string,
    params: Record<string, TypedParamValue> = {},
    flags: F.VirDomainMigrateFlags = flagSet(F.VirDomainMigrateFlags.VIR_MIGRATE_LIVE, F.VirDomainMigrateFlags.VIR_MIGRATE_PEER2PEER),
    options: CallOptions = {},
  ): Promise<void> {
    await this.client.call(
      p.DOMAIN_MIGRATE_PERFORM3_PARAMS,
      { dom, dconnuri: destinationUri, params: recordToTypedParams(params, MIGRATE_PARAM_TYPES), cookie_in: Buffer.alloc(0), flags },
      options,
    );
  }

  /** The bandwidth limit of the guest's migration in MiB/s; while one runs, read from QEMU. */
  async migrationMaxSpeed(dom: DomainRef): Promise<bigint> {
    return (await this.client.call(p.DOMAIN_MIGRATE_GET_MAX_SPEED, { dom, flags: 0 })).bandwidth;
  }

  async setMigrationMaxSpeed(dom: DomainRef, mibPerSecond: bigint): Promise<void> {
    await this.client.call(p.DOMAIN_MIGRATE_SET_MAX_SPEED, { dom, bandwidth: mibPerSecond, flags: 0 });
  }

  /** GET_ALL_DOMAIN_STATS as plain objects. stats: VIR_DOMAIN_STATS_* bits, 0 = all. */
  async allStats(stats = 0, flags: F.VirConnectGetAllDomainStatsFlags = 0, domains: DomainRef[] = []): Promise<DomainStats[]> {
    const { retStats } = await this.client.call(p.CONNECT_GET_ALL_DOMAIN_STATS, { doms: domains, stats, flags });
    return retStats.map((rec) => ({ domain: rec.dom, name: rec.dom.name, stats: typedParamsToRecord(rec.params) }));
  }

  /** QEMU guest agent command (JSON string in, JSON string out). timeout: seconds or a VIR_DOMAIN_QEMU_AGENT_COMMAND_* value. */
  async agentCommand(
    dom: DomainRef,
    command: string | object,
    timeout: number = F.VirDomainQemuAgentCommandTimeoutValues.VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT,
  ): Promise<string | null> {
    const cmd = typeof command === "string" ? command : JSON.stringify(command);
    return (await this.client.call(qemuProcedures.DOMAIN_AGENT_COMMAND, { dom, cmd, timeout, flags: 0 })).result;
  }
}
