import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { deleteGuest } from "@/lib/server/guests/delete-guest";
import { getGuest } from "@/lib/server/guests/get-guest";
import { updateGuest } from "@/lib/server/guests/update-guest";
import { route } from "@/lib/server/http/route";
import { deleteGuestSchema, guestSettingsSchema } from "@/lib/validations/guests";

export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  getGuest(ctx, params),
);

export const PATCH = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: guestSettingsSchema },
  async ({ ctx, params, body }) => updateGuest(ctx, { ...params, ...body }),
);

export const DELETE = route(
  { permission: "guest.delete", params: guestRouteParams, scope: guestScope, body: deleteGuestSchema },
  async ({ ctx, params, body }) => ({
    ok: true,
    ...(await deleteGuest(ctx, { ...params, ...body })),
  }),
);
