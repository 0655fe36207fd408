import "server-only";
import { inEnglish } from "./device-english";
import type { VerbContext } from "../../verb-context";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { RemoveDeviceInput } from "@/lib/validations/hardware/sections";
import { ApiError, notFound } from "../../http/errors";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { nextBoot, requireLive, type DeviceRef } from "./change";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";
import { familyDevices, matchDevices, parseDeviceKey } from "./device-match";
import { deviceCodecs } from "./families";

/**
 * Removes a device from the running guest first (libvirt's refusal stops here, unless the person asked
 * for the saved definition only), then from the saved definition. A `live:` key names a device only
 * the running guest has (hot-plugged and not saved): it is detached and nothing is saved.
 */
export async function removeDevice(
  ctx: VerbContext,
  { hostId, uuid, key, ...input }: DeviceRef & RemoveDeviceInput,
): Promise<HardwareChangeResult> {
  const ref = parseDeviceKey(key);
  const codec = deviceCodecs[ref.family];
  if (!codec) throw new ApiError(422, { key: "cannotRemoveFamily", values: { family: ref.family } });
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.device.remove" },
    async (target, details) => {
      const definition = await loadForChange(target, input.etag);
      const { lv, dom } = target;
      const savedDevices = familyDevices(definition.saved, ref.family);
      const liveDevices = definition.live ? familyDevices(definition.live, ref.family) : [];
      const device = (ref.live ? liveDevices : savedDevices)[ref.index];
      if (!device) throw notFound("device");
      if (!(codec.removable?.(device) ?? true)) throw new ApiError(409, { key: "cannotRemoveDevice", device: codec.describe(device) });
      const twin = ref.live ? device : liveDevices[matchDevices(codec, savedDevices, liveDevices).liveIndexOf[ref.index]];
      Object.assign(details, {
        device: inEnglish(codec.describe(device)).title,
        values: codec.values(device),
        persistentOnly: input.persistentOnly,
      });

      let result: HardwareChangeResult = { ok: true, live: "not-running" };
      if (twin && input.persistentOnly) result = nextBoot("removedSavedOnly");
      else if (twin && !codec.hotplug.detach) result = nextBoot("cannotRemoveLive");
      else if (twin) {
        await requireLive(() => lv.domains.detachDevice(dom, twin.toXml(), AFFECT_LIVE), "removeSavedOnlyOffer");
        result = { ok: true, live: "applied" };
      }
      if (!ref.live) {
        codec.list(definition.saved).remove(device);
        await saveDefinition(definition);
      }
      return result;
    },
    withDrafts(ctx),
  );
}
