import { guestScope } from "@/lib/guests/types";
import { deleteSnapshot } from "@/lib/server/guests/snapshots/delete-snapshot";
import { editSnapshot } from "@/lib/server/guests/snapshots/edit-snapshot";
import { route } from "@/lib/server/http/route";
import { deleteSnapshotSchema, editSnapshotSchema, snapshotRouteParams } from "@/lib/validations/snapshots";

export const PATCH = route(
  { permission: "guest.manage", params: snapshotRouteParams, scope: guestScope, body: editSnapshotSchema },
  async ({ actor, ip, params, body }) => editSnapshot(actor, ip, params.hostId, params.uuid, params.name, body.description),
);

export const DELETE = route(
  { permission: "guest.manage", params: snapshotRouteParams, scope: guestScope, body: deleteSnapshotSchema },
  async ({ actor, ip, params, body }) => deleteSnapshot(actor, ip, params.hostId, params.uuid, params.name, body.withChildren),
);
