import "server-only";
import type { Actor } from "../auth/session";
import { auditedStorageChange, resolvePool, type PoolTarget } from "./storage-target";

export type PoolAction = "start" | "stop" | "refresh" | "autostart-on" | "autostart-off";

const run: Record<PoolAction, (t: PoolTarget) => Promise<void>> = {
  start: ({ lv, pool }) => lv.storage.startPool(pool),
  stop: ({ lv, pool }) => lv.storage.stopPool(pool),
  refresh: ({ lv, pool }) => lv.storage.refreshPool(pool),
  "autostart-on": ({ lv, pool }) => lv.storage.setPoolAutostart(pool, true),
  "autostart-off": ({ lv, pool }) => lv.storage.setPoolAutostart(pool, false),
};

export async function poolAction(actor: Actor, ip: string, hostId: string, name: string, action: PoolAction): Promise<void> {
  await auditedStorageChange({ actor, ip, action: `pool.${action}`, hostId, target: name }, async () =>
    run[action](await resolvePool(hostId, name)),
  );
}
