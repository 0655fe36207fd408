import "server-only";
import type { IsoCandidates } from "@/lib/guests/media";
import { isAdmin } from "@/lib/roles";
import { StorageVolume } from "@/lib/xml";
import type { Actor } from "../../auth/session";
import { db } from "../../db";
import { hostPool } from "../../hosts/host-pool";
import { forbidden } from "../../http/errors";

/** Every ISO volume (a name ending in .iso) in the running pools of every host, for the admin's approved library. Reading only. */
export async function isoCandidates(actor: Actor): Promise<IsoCandidates> {
  if (!isAdmin(actor.grants)) throw forbidden();
  const hosts = await db().host.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return {
    hosts: await Promise.all(
      hosts.map(async (h) => {
        try {
          const lv = await hostPool().get(h.id);
          const pools = (await lv.storage.listPools()).filter((p) => p.active);
          const isos = (
            await Promise.all(
              pools.map(async (p) => {
                const vols = (await lv.storage.listVolumes(p.ref)).filter((v) => /\.iso$/i.test(v.name));
                return Promise.all(
                  vols.map(async (v) => {
                    const vol = StorageVolume.parse(await lv.storage.volumeXml(v));
                    return { path: vol.targetPath ?? v.key, name: v.name, pool: p.name, bytes: Number(vol.capacityBytes ?? 0) };
                  }),
                );
              }),
            )
          ).flat();
          return { id: h.id, name: h.name, isos: isos.sort((a, b) => a.name.localeCompare(b.name)) };
        } catch (err) {
          return { id: h.id, name: h.name, isos: [], error: (err as Error).message };
        }
      }),
    ),
  };
}
