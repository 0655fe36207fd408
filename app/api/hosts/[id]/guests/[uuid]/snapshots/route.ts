import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { createSnapshot } from "@/lib/server/guests/snapshots/create-snapshot";
import { listSnapshots } from "@/lib/server/guests/snapshots/list-snapshots";
import { route } from "@/lib/server/http/route";
import { createSnapshotSchema } from "@/lib/validations/snapshots";

/** Like hardware and XML, the snapshots are for those who look after the host or may change the guest. */
export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  listSnapshots(ctx, params),
);

export const POST = route(
  { permission: "guest.snapshot", params: guestRouteParams, scope: guestScope, body: createSnapshotSchema },
  async ({ ctx, params, body }) => createSnapshot(ctx, { ...params, ...body }),
);
