import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { requireHardwareView } from "@/lib/server/guests/hardware/access";
import { createSnapshot } from "@/lib/server/guests/snapshots/create-snapshot";
import { listSnapshots } from "@/lib/server/guests/snapshots/list-snapshots";
import { route } from "@/lib/server/http/route";
import { createSnapshotSchema } from "@/lib/validations/snapshots";

/** Like hardware and XML, the snapshots are for those who look after the host or may change the guest. */
export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ actor, params }) => {
  requireHardwareView(actor.grants, params.hostId, params.uuid);
  return listSnapshots(params.hostId, params.uuid);
});

export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: createSnapshotSchema },
  async ({ ctx, params, body }) => createSnapshot(ctx, { ...params, ...body }),
);
