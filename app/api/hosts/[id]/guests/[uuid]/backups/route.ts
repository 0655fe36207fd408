import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { backUpGuest } from "@/lib/server/guest-backups/back-up-guest";
import { listBackups } from "@/lib/server/guest-backups/list-backups";
import { route } from "@/lib/server/http/route";
import { backUpGuestSchema } from "@/lib/validations/guest-backups";

/** The guest's restore points; like snapshots, read by those who may see its storage and made by its managers. */
export const GET = route({ permission: "storage.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  listBackups(ctx, params),
);

export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: backUpGuestSchema },
  async ({ ctx, params, body }) => backUpGuest(ctx, { ...params, ...body }),
);
