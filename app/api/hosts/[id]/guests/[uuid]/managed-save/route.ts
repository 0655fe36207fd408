import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { discardManagedSave } from "@/lib/server/guests/discard-managed-save";
import { managedSaveGuest } from "@/lib/server/guests/managed-save";
import { route } from "@/lib/server/http/route";

const spec = { permission: "guest.manage", params: guestRouteParams, scope: guestScope } as const;

export const POST = route(spec, async ({ actor, ip, params }) => managedSaveGuest(actor, ip, params.hostId, params.uuid));
export const DELETE = route(spec, async ({ actor, ip, params }) => discardManagedSave(actor, ip, params.hostId, params.uuid));
