import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { consoleColleagues } from "@/lib/server/consoles/invite-colleague";
import { route } from "@/lib/server/http/route";

/** People who may open this guest's console too: whom a view-only invitation can go to. */
export const GET = route({ permission: "guest.console", params: guestRouteParams, scope: guestScope }, async ({ actor, params }) => ({
  colleagues: await consoleColleagues(actor, params.hostId, params.uuid),
}));
