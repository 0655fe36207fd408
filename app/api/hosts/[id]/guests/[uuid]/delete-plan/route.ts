import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { getDeletePlan } from "@/lib/server/guests/delete-plan";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "guest.delete", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  getDeletePlan(ctx, params),
);
