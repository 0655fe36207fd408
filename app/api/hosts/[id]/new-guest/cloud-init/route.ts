import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { previewSeed } from "@/lib/server/cloud-init/preview-seed";
import { route } from "@/lib/server/http/route";
import { seedPreviewSchema } from "@/lib/validations/cloud-init";

/** "Preview seed": user-data, meta-data and network-config as the new guest would get them; nothing is created. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: seedPreviewSchema },
  async ({ ctx, body }) => previewSeed(ctx, body),
);
