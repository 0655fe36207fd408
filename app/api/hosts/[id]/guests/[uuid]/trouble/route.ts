import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { readGuestTrouble } from "@/lib/server/guests/guest-trouble";
import { route } from "@/lib/server/http/route";

/** Why a paused or crashed guest stopped: libvirt's disk errors and QEMU's last log lines, for those who manage it. */
export const GET = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  readGuestTrouble(params.hostId, params.uuid),
);
