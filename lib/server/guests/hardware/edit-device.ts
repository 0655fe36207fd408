import "server-only";
import { inEnglish } from "./device-english";
import type { VerbContext } from "../../verb-context";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { EditDeviceInput } from "@/lib/validations/hardware";
import { ApiError, notFound, invalidFields } from "../../http/errors";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { applyLive, auditDiff, codecFor, nextBoot, refuseFixedChanges, type DeviceRef } from "./change";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";
import { changedFields, familyDevices, matchDevices, parseDeviceKey } from "./device-match";

/**
 * Edits one device's fields in the saved definition (everything the form does not show stays as it
 * was), then makes the same edit to the running guest's copy where libvirt can change it live.
 */
export async function editDevice(
  ctx: VerbContext,
  { hostId, uuid, key, ...input }: DeviceRef & EditDeviceInput,
): Promise<HardwareChangeResult> {
  const ref = parseDeviceKey(key);
  if (ref.live) throw new ApiError(409, { key: "deviceLiveOnly" });
  if (input.family !== ref.family) throw invalidFields({ family: `This device is a ${ref.family}` });
  const codec = codecFor(ref.family);
  const { values } = input;
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.device.edit" },
    async (target, details) => {
      const definition = await loadForChange(target, input.etag);
      const savedDevices = familyDevices(definition.saved, ref.family);
      const device = savedDevices[ref.index];
      if (!device) throw notFound("device");
      const before = codec.values(device);
      refuseFixedChanges(ref.family, before, values);
      codec.edit(device, values);
      const after = codec.values(device);
      Object.assign(details, { device: inEnglish(codec.describe(device)).title, ...auditDiff(before, after, codec.secretFields) });
      await saveDefinition(definition);

      if (!definition.live) return { ok: true, live: "not-running" };
      const liveDevices = familyDevices(definition.live, ref.family);
      const twin = liveDevices[matchDevices(codec, savedDevices, liveDevices).liveIndexOf[ref.index]];
      if (!twin) return nextBoot("notInRunningGuest");
      // Secrets never show in values(), so a new password is a change even when both sides read the same.
      const newSecret = codec.secretFields?.some((field) => Boolean(values[field])) ?? false;
      if (!newSecret && changedFields(codec.values(twin), after, codec.runtimeFields).length === 0) return { ok: true, live: "applied" };
      if (!codec.hotplug.update) return nextBoot("cannotChangeLive");
      codec.edit(twin, values);
      return applyLive(true, () => target.lv.domains.updateDevice(target.dom, twin.toXml(), AFFECT_LIVE));
    },
    withDrafts(ctx),
  );
}
