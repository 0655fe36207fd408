import "server-only";
import { SAVE_SUFFIX, type SaveTargets } from "@/lib/guests/saved-state";
import { resolveGuest } from "../guest-target";
import { directoryPools } from "./directory-pools";

/** Where the save dialog may write: the host's directory pools, and a file name after the guest. */
export async function saveTargets(hostId: string, uuid: string): Promise<SaveTargets> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const pools = await directoryPools(lv);
  return { pools: pools.map((p) => ({ name: p.name, availableBytes: p.availableBytes })), suggestedFile: `${dom.name}${SAVE_SUFFIX}` };
}
