import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { inviteSchema } from "@/lib/validations/consoles";
import { inviteColleague } from "@/lib/server/consoles/invite-colleague";
import { route } from "@/lib/server/http/route";

/** Invites a colleague to watch this guest's display (view only); audited as console.invite. */
export const POST = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, body: inviteSchema },
  async ({ ctx, params, body }) => inviteColleague(ctx, { ...params, ...body }),
);
