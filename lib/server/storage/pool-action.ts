import "server-only";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { resolvePool, storageLabel, type PoolInput, type PoolTarget } from "./storage-target";

export type PoolAction = "start" | "stop" | "refresh" | "autostart-on" | "autostart-off";

const run: Record<PoolAction, (t: PoolTarget) => Promise<void>> = {
  start: ({ lv, pool }) => lv.storage.startPool(pool),
  stop: ({ lv, pool }) => lv.storage.stopPool(pool),
  refresh: ({ lv, pool }) => lv.storage.refreshPool(pool),
  "autostart-on": ({ lv, pool }) => lv.storage.setPoolAutostart(pool, true),
  "autostart-off": ({ lv, pool }) => lv.storage.setPoolAutostart(pool, false),
};

export async function poolAction(ctx: VerbContext, { hostId, pool: name, action }: PoolInput & { action: PoolAction }): Promise<void> {
  await audited(ctx, { action: `pool.${action}`, target: await storageLabel(hostId, name) }, async () =>
    run[action](await resolvePool(hostId, name)),
  );
}
