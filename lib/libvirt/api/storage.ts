import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { LibvirtClient } from "../client";
import type {
  VirConnectListAllStoragePoolsFlags,
  VirStoragePoolBuildFlags,
  VirStoragePoolCreateFlags,
  VirStoragePoolDefineFlags,
  VirStoragePoolDeleteFlags,
  VirStoragePoolState,
  VirStorageVolCreateFlags,
  VirStorageVolDeleteFlags,
  VirStorageVolDownloadFlags,
  VirStorageVolResizeFlags,
  VirStorageVolUploadFlags,
  VirStorageXMLFlags,
} from "../generated/flags";
import { remoteProcedures as p, type RemoteNonnullStoragePool, type RemoteNonnullStorageVol } from "../generated/remote";
import type { CallOptions } from "../rpc";
import type { LibvirtStream } from "../stream";
import { uuidToString } from "./domains";

export type PoolRef = RemoteNonnullStoragePool;
export type VolumeRef = RemoteNonnullStorageVol;

export interface PoolInfo {
  state: VirStoragePoolState;
  capacity: bigint;
  allocation: bigint;
  available: bigint;
}

export class StorageApi {
  constructor(private readonly client: LibvirtClient) {}

  async listPools(flags: VirConnectListAllStoragePoolsFlags = 0): Promise<{ ref: PoolRef; name: string; uuid: string; active: boolean }[]> {
    const { pools } = await this.client.call(p.CONNECT_LIST_ALL_STORAGE_POOLS, { need_results: 1, flags });
    const active = await Promise.all(pools.map((pool) => this.client.call(p.STORAGE_POOL_IS_ACTIVE, { pool })));
    return pools.map((pool, i) => ({ ref: pool, name: pool.name, uuid: uuidToString(pool.uuid), active: active[i].active !== 0 }));
  }

  async lookupPool(name: string): Promise<PoolRef> {
    return (await this.client.call(p.STORAGE_POOL_LOOKUP_BY_NAME, { name })).pool;
  }

  async definePool(xml: string, flags: VirStoragePoolDefineFlags = 0): Promise<PoolRef> {
    return (await this.client.call(p.STORAGE_POOL_DEFINE_XML, { xml, flags })).pool;
  }

  /** A pool that exists until it is stopped (virStoragePoolCreateXML). */
  async createTransientPool(xml: string, flags: VirStoragePoolCreateFlags = 0): Promise<PoolRef> {
    return (await this.client.call(p.STORAGE_POOL_CREATE_XML, { xml, flags })).pool;
  }

  async buildPool(pool: PoolRef, flags: VirStoragePoolBuildFlags = 0): Promise<void> {
    await this.client.call(p.STORAGE_POOL_BUILD, { pool, flags });
  }

  async startPool(pool: PoolRef, flags: VirStoragePoolCreateFlags = 0): Promise<void> {
    await this.client.call(p.STORAGE_POOL_CREATE, { pool, flags });
  }

  async stopPool(pool: PoolRef): Promise<void> {
    await this.client.call(p.STORAGE_POOL_DESTROY, { pool });
  }

  async undefinePool(pool: PoolRef): Promise<void> {
    await this.client.call(p.STORAGE_POOL_UNDEFINE, { pool });
  }

  async refreshPool(pool: PoolRef): Promise<void> {
    await this.client.call(p.STORAGE_POOL_REFRESH, { pool, flags: 0 });
  }

  async poolAutostart(pool: PoolRef): Promise<boolean> {
    return (await this.client.call(p.STORAGE_POOL_GET_AUTOSTART, { pool })).autostart !== 0;
  }

  async poolIsActive(pool: PoolRef): Promise<boolean> {
    return (await this.client.call(p.STORAGE_POOL_IS_ACTIVE, { pool })).active !== 0;
  }

  async poolIsPersistent(pool: PoolRef): Promise<boolean> {
    return (await this.client.call(p.STORAGE_POOL_IS_PERSISTENT, { pool })).persistent !== 0;
  }

  async poolVolumeCount(pool: PoolRef): Promise<number> {
    return (await this.client.call(p.STORAGE_POOL_NUM_OF_VOLUMES, { pool })).num;
  }

  /** Deletes the pool's underlying storage (a dir pool's directory, an LVM volume group…); the pool must be inactive. */
  async deletePool(pool: PoolRef, flags: VirStoragePoolDeleteFlags = 0): Promise<void> {
    await this.client.call(p.STORAGE_POOL_DELETE, { pool, flags });
  }

  async setPoolAutostart(pool: PoolRef, enabled: boolean): Promise<void> {
    await this.client.call(p.STORAGE_POOL_SET_AUTOSTART, { pool, autostart: enabled ? 1 : 0 });
  }

  async poolInfo(pool: PoolRef): Promise<PoolInfo> {
    const info = await this.client.call(p.STORAGE_POOL_GET_INFO, { pool });
    return { ...info, state: info.state as VirStoragePoolState };
  }

  async poolXml(pool: PoolRef, flags: VirStorageXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.STORAGE_POOL_GET_XML_DESC, { pool, flags })).xml;
  }

  async listVolumes(pool: PoolRef): Promise<VolumeRef[]> {
    return (await this.client.call(p.STORAGE_POOL_LIST_ALL_VOLUMES, { pool, need_results: 1, flags: 0 })).vols;
  }

  async lookupVolumeByPath(path: string): Promise<VolumeRef> {
    return (await this.client.call(p.STORAGE_VOL_LOOKUP_BY_PATH, { path })).vol;
  }

  async lookupVolume(pool: PoolRef, name: string): Promise<VolumeRef> {
    return (await this.client.call(p.STORAGE_VOL_LOOKUP_BY_NAME, { pool, name })).vol;
  }

  async createVolume(pool: PoolRef, xml: string, flags: VirStorageVolCreateFlags = 0, options: CallOptions = {}): Promise<VolumeRef> {
    return (await this.client.call(p.STORAGE_VOL_CREATE_XML, { pool, xml, flags }, options)).vol;
  }

  async cloneVolume(
    pool: PoolRef,
    xml: string,
    source: VolumeRef,
    flags: VirStorageVolCreateFlags = 0,
    options: CallOptions = {},
  ): Promise<VolumeRef> {
    return (await this.client.call(p.STORAGE_VOL_CREATE_XML_FROM, { pool, xml, clonevol: source, flags }, options)).vol;
  }

  async volumeInfo(vol: VolumeRef): Promise<{ type: number; capacity: bigint; allocation: bigint }> {
    return this.client.call(p.STORAGE_VOL_GET_INFO, { vol });
  }

  async volumeXml(vol: VolumeRef): Promise<string> {
    return (await this.client.call(p.STORAGE_VOL_GET_XML_DESC, { vol, flags: 0 })).xml;
  }

  async resizeVolume(vol: VolumeRef, capacity: bigint | number, flags: VirStorageVolResizeFlags = 0): Promise<void> {
    await this.client.call(p.STORAGE_VOL_RESIZE, { vol, capacity: BigInt(capacity), flags });
  }

  async deleteVolume(vol: VolumeRef, flags: VirStorageVolDeleteFlags = 0): Promise<void> {
    await this.client.call(p.STORAGE_VOL_DELETE, { vol, flags });
  }

  /** Write stream into the volume; end() it and await 'finish' (daemon confirmed). length 0 = to the end. */
  async uploadStream(vol: VolumeRef, offset = 0n, length = 0n, flags: VirStorageVolUploadFlags = 0): Promise<LibvirtStream> {
    return (await this.client.callStream(p.STORAGE_VOL_UPLOAD, { vol, offset, length, flags })).stream;
  }

  /** Read stream of the volume's bytes. */
  async downloadStream(vol: VolumeRef, offset = 0n, length = 0n, flags: VirStorageVolDownloadFlags = 0): Promise<LibvirtStream> {
    return (await this.client.callStream(p.STORAGE_VOL_DOWNLOAD, { vol, offset, length, flags })).stream;
  }

  /** Uploads a readable completely; resolves once the daemon confirmed the end of the stream. */
  async upload(vol: VolumeRef, source: Readable, offset = 0n, length = 0n): Promise<void> {
    await pipeline(source, await this.uploadStream(vol, offset, length));
  }
}
