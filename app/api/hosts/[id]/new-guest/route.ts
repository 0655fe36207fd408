import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { newGuestContext } from "@/lib/server/new-guest/context";

/** What the wizard needs to know about the host: size, KVM, pools and their volumes, networks, taken names. */
export const GET = route({ permission: "guest.manage", params: hostRouteParams, scope: hostScope }, async ({ params }) =>
  newGuestContext(params.hostId),
);
