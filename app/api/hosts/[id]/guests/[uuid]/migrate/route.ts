import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { migrateGuest } from "@/lib/server/guests/migration/migrate-guest";
import { route } from "@/lib/server/http/route";
import { migrationOptionsSchema } from "@/lib/validations/migration";

/** Starts a migration job (guest.manage here; the verb checks guest.manage on the destination host). */
export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: migrationOptionsSchema },
  async ({ ctx, params, body }) => migrateGuest(ctx, { ...params, ...body }),
);
