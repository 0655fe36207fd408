import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { saveGuest } from "@/lib/server/guests/saved-state/save-guest";
import { saveTargets } from "@/lib/server/guests/saved-state/save-targets";
import { route } from "@/lib/server/http/route";
import { saveToPoolSchema } from "@/lib/validations/guests";

export const GET = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  saveTargets(params.hostId, params.uuid),
);

export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: saveToPoolSchema },
  async ({ ctx, params, body }) => saveGuest(ctx, { ...params, ...body }),
);
