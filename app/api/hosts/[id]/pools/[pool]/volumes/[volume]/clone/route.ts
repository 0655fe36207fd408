import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { cloneVolume } from "@/lib/server/storage/clone-volume";
import { cloneVolumeSchema, volumeRouteParams } from "@/lib/validations/storage";

/** Starts copying the volume under a new name in the same pool; answers with the job to follow. */
export const POST = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, body: cloneVolumeSchema },
  async ({ ctx, params, body }) => cloneVolume(ctx, { ...params, ...body }),
);
