import "server-only";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainUndefineFlagsValues as Undefine } from "@/lib/libvirt/generated/flags";
import { auditRow } from "../audit";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";
import { HA_AUDIT, setHaState } from "./ha-state";

/**
 * A host with a fencing state is connected again. Unresponsive or waiting for confirmation: it was only away, and
 * its state is cleared. Down: its highly available guests may run elsewhere now, so the old copies it still defines
 * (inactive: it was powered off) are undefined there, and never start again; autostart was already off (marking a
 * guest highly available turns it off). An old copy found running is left alone and named in the audit row: only
 * libvirt's lock kept it from being run twice, and a person decides.
 */
export async function hostBack(hostId: string): Promise<void> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true, haState: true } });
  if (!host?.haState) return;
  const details: Record<string, unknown> = { was: host.haState };
  if (host.haState === "down") {
    const moved = await db().haGuest.findMany({ where: { hostId: { not: hostId } }, select: { uuid: true, name: true } });
    const lv = await hostPool().get(hostId);
    const here = new Map((await lv.domains.list()).map((d) => [d.uuid, d]));
    const undefined_: string[] = [];
    const stillRunning: string[] = [];
    for (const guest of moved) {
      const old = here.get(guest.uuid);
      if (!old) continue;
      if (await lv.domains.isActive(old.ref)) {
        stillRunning.push(guest.name);
        continue;
      }
      // Its NVRAM file (shared storage) now belongs to the copy that runs elsewhere: kept.
      await lv.domains.undefine(old.ref, flagSet(Undefine.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM, Undefine.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA));
      undefined_.push(guest.name);
    }
    Object.assign(details, { undefinedOldCopies: undefined_, stillRunning });
  }
  await setHaState(hostId, null);
  await auditRow(HA_AUDIT, { action: "host.back", target: `host:${host.name}`, details }, "ok");
}
