import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  readHardware(ctx, params),
);
