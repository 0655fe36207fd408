import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { listSavedImages } from "@/lib/server/guests/saved-state/list-saved-images";
import { restoreGuest } from "@/lib/server/guests/saved-state/restore-guest";
import { route } from "@/lib/server/http/route";
import { restoreSchema } from "@/lib/validations/guests";

// Restoring brings a guest onto the host, so both take the right to manage guests on the whole host.
export const GET = route({ permission: "guest.manage", params: hostRouteParams, scope: hostScope }, async ({ params }) =>
  listSavedImages(params.hostId),
);

export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: restoreSchema },
  async ({ ctx, params, body }) => restoreGuest(ctx, { ...params, ...body }),
);
