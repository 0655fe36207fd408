import { guestScope } from "@/lib/guests/types";
import { revertSnapshot } from "@/lib/server/guests/snapshots/revert-snapshot";
import { route } from "@/lib/server/http/route";
import { snapshotRouteParams } from "@/lib/validations/snapshots";

export const POST = route({ permission: "guest.snapshot", params: snapshotRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  revertSnapshot(ctx, params),
);
