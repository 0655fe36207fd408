import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { hardwareChoices } from "@/lib/server/guests/hardware/choices";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  hardwareChoices(params.hostId),
);
