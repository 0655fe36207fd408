import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { deleteVolume } from "@/lib/server/storage/delete-volume";
import { resizeVolume } from "@/lib/server/storage/resize-volume";
import { deleteVolumeSchema, resizeVolumeSchema, volumeRouteParams } from "@/lib/validations/storage";

/** Resize (the only volume property libvirt changes in place). */
export const PATCH = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, body: resizeVolumeSchema },
  async ({ ctx, params, body }) => resizeVolume(ctx, { ...params, ...body }),
);

export const DELETE = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, body: deleteVolumeSchema },
  async ({ ctx, params, body }) => deleteVolume(ctx, { ...params, ...body }),
);
