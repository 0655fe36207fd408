import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { createVolume } from "@/lib/server/storage/create-volume";
import { createVolumeSchema, poolRouteParams } from "@/lib/validations/storage";

/** Starts creating a volume; answers with the job to follow. */
export const POST = route(
  { permission: "storage.manage", params: poolRouteParams, scope: hostScope, body: createVolumeSchema },
  async ({ ctx, params, body }) => createVolume(ctx, { ...params, ...body }),
);
