import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { setMigrationSpeed } from "@/lib/server/guests/migration/set-migration-speed";
import { route } from "@/lib/server/http/route";
import { migrationSpeedSchema } from "@/lib/validations/migration";

/** Changes the bandwidth limit of the guest's running migration (guest.manage). */
export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: migrationSpeedSchema },
  async ({ ctx, params, body }) => setMigrationSpeed(ctx, { ...params, ...body }),
);
