import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { getDeletePlan } from "@/lib/server/guests/delete-plan";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  getDeletePlan(params.hostId, params.uuid),
);
