import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { detectOs } from "@/lib/server/new-guest/detect-os";
import { detectSchema } from "@/lib/validations/new-guest";

/** Names the OS on an ISO volume (reads its first 64 KiB only). */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: detectSchema },
  async ({ params, body }) => detectOs(params.hostId, body.pool, body.volume),
);
