import "server-only";
import { VirStoragePoolBuildFlags } from "@/lib/libvirt/generated/flags";
import type { CreatePoolInput } from "@/lib/validations/storage";
import { buildPool } from "@/lib/xml/builder/pool-builder";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { hostConnection, storageLabel } from "./storage-target";

/** Whether libvirt's "build" step runs: it makes directories, or (only when asked) erases devices. */
function buildsFirst(input: CreatePoolInput): boolean {
  if (input.type === "dir" || input.type === "fs" || input.type === "netfs") return true;
  if (input.type === "logical" || input.type === "disk") return input.buildNew;
  return false;
}

/**
 * Defines, builds where needed, starts and (optionally) autostarts a pool. If any step fails, the
 * pool is stopped and undefined again, so a failed wizard leaves no half-made pool behind; libvirt's
 * message says which step failed.
 */
export async function createPool(ctx: VerbContext, { hostId, ...input }: { hostId: string } & CreatePoolInput): Promise<{ name: string }> {
  const target = await storageLabel(hostId, input.name);
  return audited(ctx, { action: "pool.create", target, details: { type: input.type } }, async () => {
    const { lv } = await hostConnection(hostId);
    if ((await lv.storage.listPools()).some((p) => p.name === input.name)) {
      throw new ApiError(409, { key: "poolExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
    }
    const pool = await lv.storage.definePool(buildPool(input).toXml());
    let step = "build";
    try {
      // BUILD_NEW alone: dir/fs/netfs builds only make the target directory.
      if (buildsFirst(input)) await lv.storage.buildPool(pool, VirStoragePoolBuildFlags.VIR_STORAGE_POOL_BUILD_NEW);
      step = "start";
      await lv.storage.startPool(pool);
      step = "autostart";
      if (input.autostart) await lv.storage.setPoolAutostart(pool, true);
    } catch (err) {
      await lv.storage.stopPool(pool).catch(() => undefined);
      await lv.storage.undefinePool(pool).catch(() => undefined);
      throw new ApiError(409, { key: "poolNotKept", values: { step, detail: (err as Error).message } });
    }
    return { name: input.name };
  });
}
