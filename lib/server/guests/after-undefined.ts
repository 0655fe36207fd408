import "server-only";
import { ErrorCode, isLibvirtError, uuidFromString } from "@/lib/libvirt";
import { hostPool } from "../hosts/host-pool";
import { log } from "../log";

/** A migration's arrival (its "started" on the destination) may be heard after the source's "undefined". */
const UNDEFINED_SETTLE_MS = 5_000;

/**
 * After libvirt said a guest was undefined on a host: once a migration's start elsewhere had time to arrive, runs
 * `gone` if the guest is really not on that host any more (deleted, not moved). Records kept beside a guest (its
 * highly available definition, who made it) use this to forget a deleted guest and keep a moved one.
 */
export function whenGoneFrom(hostId: string, uuid: string, gone: () => Promise<void>, what: string): void {
  setTimeout(() => {
    void (async () => {
      const lv = await hostPool().get(hostId);
      const here = await lv.domains.lookupByUuid(uuidFromString(uuid)).then(
        () => true,
        (err: unknown) => {
          if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN)) return false;
          throw err;
        },
      );
      if (!here) await gone();
    })().catch((err: Error) => log.warn({ err, hostId, uuid }, `${what}: could not check an undefined guest`));
  }, UNDEFINED_SETTLE_MS).unref();
}
