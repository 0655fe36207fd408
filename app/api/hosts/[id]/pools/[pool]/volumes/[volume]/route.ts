import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { deleteVolume } from "@/lib/server/storage/delete-volume";
import { resizeVolume } from "@/lib/server/storage/resize-volume";
import { deleteVolumeSchema, resizeVolumeSchema, volumeRouteParams } from "@/lib/validations/storage";

/** Resize (the only volume property libvirt changes in place). */
export const PATCH = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, body: resizeVolumeSchema },
  async ({ actor, ip, params, body }) => resizeVolume(actor, ip, params.hostId, params.pool, params.volume, body),
);

export const DELETE = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, body: deleteVolumeSchema },
  async ({ actor, ip, params, body }) => deleteVolume(actor, ip, params.hostId, params.pool, params.volume, body),
);
