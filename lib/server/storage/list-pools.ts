import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { poolStates, type PoolRow } from "@/lib/storage/types";
import { StoragePool } from "@/lib/xml";
import { hostConnection, resolvePool } from "./storage-target";

/** One pool as the list shows it: type and target from its XML, numbers from its info. */
export async function poolRow(lv: Libvirt, hostId: string, ref: PoolRef): Promise<PoolRow> {
  const [info, xml, autostart, persistent] = await Promise.all([
    lv.storage.poolInfo(ref),
    lv.storage.poolXml(ref),
    lv.storage.poolAutostart(ref),
    lv.storage.poolIsPersistent(ref),
  ]);
  const state = poolStates[info.state] ?? "inaccessible";
  const model = StoragePool.parse(xml);
  return {
    hostId,
    name: ref.name,
    uuid: model.uuid ?? "",
    type: model.type ?? "unknown",
    state,
    autostart,
    persistent,
    capacityBytes: Number(info.capacity),
    allocationBytes: Number(info.allocation),
    availableBytes: Number(info.available),
    targetPath: model.targetPath ?? null,
    volumeCount: state === "running" ? await lv.storage.poolVolumeCount(ref) : null,
  };
}

/** Every storage pool of a host, by name. */
export async function listPools(hostId: string): Promise<PoolRow[]> {
  const { lv } = await hostConnection(hostId);
  const pools = await lv.storage.listPools();
  const rows = await Promise.all(pools.map(({ ref }) => poolRow(lv, hostId, ref)));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getPool(hostId: string, name: string): Promise<PoolRow> {
  const { lv, pool } = await resolvePool(hostId, name);
  return poolRow(lv, hostId, pool);
}
