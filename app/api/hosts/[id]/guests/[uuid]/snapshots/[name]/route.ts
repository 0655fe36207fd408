import { guestScope } from "@/lib/guests/types";
import { deleteSnapshot } from "@/lib/server/guests/snapshots/delete-snapshot";
import { editSnapshot } from "@/lib/server/guests/snapshots/edit-snapshot";
import { route } from "@/lib/server/http/route";
import { deleteSnapshotSchema, editSnapshotSchema, snapshotRouteParams } from "@/lib/validations/snapshots";

export const PATCH = route(
  { permission: "guest.snapshot", params: snapshotRouteParams, scope: guestScope, body: editSnapshotSchema },
  async ({ ctx, params, body }) => editSnapshot(ctx, { ...params, ...body }),
);

export const DELETE = route(
  { permission: "guest.snapshot", params: snapshotRouteParams, scope: guestScope, body: deleteSnapshotSchema },
  async ({ ctx, params, body }) => deleteSnapshot(ctx, { ...params, ...body }),
);
