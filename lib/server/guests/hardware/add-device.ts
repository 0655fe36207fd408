import "server-only";
import { inEnglish } from "./device-english";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { AddDeviceInput } from "@/lib/validations/hardware";
import { uuidToString } from "@/lib/libvirt/api/domains";
import { resizeOwnedGuest } from "../../quotas/resize-owned";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { codecFor, nextBoot, redact, requireLive } from "./change";
import { removeArtefact } from "../../jobs/artefacts";
import { draftMade } from "../../new-guest/drafts";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";

/**
 * Adds a device: to the running guest first (so libvirt's refusal can still stop everything), then to the
 * saved definition; a failed save detaches it again and undoes what the codec made (a new volume).
 */
export async function addDevice(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & AddDeviceInput): Promise<HardwareChangeResult> {
  const codec = codecFor(input.family);
  const { values } = input;
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.device.add" },
    async (target, details) => {
      Object.assign(details, { family: input.family, values: redact(values, codec.secretFields), persistentOnly: input.persistentOnly });
      const definition = await loadForChange(target, input.etag);
      const { lv, dom } = target;
      // A disk on a new volume counts against the quotas of the person who made the guest, as its first disks did.
      const newDiskMiB = input.family === "disk" && values.sourceKind === "new" ? Math.ceil(Number(values.newSizeGiB ?? 0) * 1024) : 0;
      return resizeOwnedGuest(
        uuidToString(dom.uuid),
        (now) => ({ ...now, diskMiB: now.diskMiB + newDiskMiB }),
        async () => {
          const { device, made } = await codec.create(values, { saved: definition.saved, live: definition.live, lv, hostId });
          const deviceXml = device.toXml();
          details.device = inEnglish(codec.describe(device)).title;
          let attached = false;
          try {
            let result: HardwareChangeResult = { ok: true, live: "not-running" };
            if (definition.live && input.persistentOnly) result = nextBoot("addedSavedOnly");
            else if (definition.live && !codec.hotplug.attach) result = nextBoot("cannotAddLive");
            else if (definition.live) {
              await requireLive(() => lv.domains.attachDevice(dom, deviceXml, AFFECT_LIVE), "addSavedOnlyOffer");
              attached = true;
              result = { ok: true, live: "applied" };
            }
            codec.list(definition.saved).add(device);
            await saveDefinition(definition);
            // A draft's volumes go again if it is cancelled (or expires) rather than installed.
            if (target.draft && made) await draftMade(target.draft, made);
            return result;
          } catch (err) {
            if (attached) await lv.domains.detachDevice(dom, deviceXml, AFFECT_LIVE).catch(() => undefined);
            if (made) await removeArtefact(made).catch(() => undefined);
            throw err;
          }
        },
      );
    },
    withDrafts(ctx),
  );
}
