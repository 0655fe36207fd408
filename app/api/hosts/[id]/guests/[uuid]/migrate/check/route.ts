import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { checkMigration } from "@/lib/server/guests/migration/preflight";
import { route } from "@/lib/server/http/route";
import { migrationOptionsSchema } from "@/lib/validations/migration";

/** The preflight: what would stop this migration, in words. Changes nothing. */
export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: migrationOptionsSchema },
  async ({ actor, params, body }) => checkMigration(actor, params.hostId, params.uuid, body),
);
