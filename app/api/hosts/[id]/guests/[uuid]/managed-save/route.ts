import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { discardManagedSave } from "@/lib/server/guests/discard-managed-save";
import { managedSaveGuest } from "@/lib/server/guests/managed-save";
import { route } from "@/lib/server/http/route";

const spec = { permission: "guest.manage", params: guestRouteParams, scope: guestScope } as const;

export const POST = route(spec, async ({ ctx, params }) => managedSaveGuest(ctx, params));
export const DELETE = route(spec, async ({ ctx, params }) => discardManagedSave(ctx, params));
