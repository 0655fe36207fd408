import { guestScope } from "@/lib/guests/types";
import { requireHardwareView } from "@/lib/server/guests/hardware/access";
import { readSnapshotScreenshot } from "@/lib/server/guests/snapshots/snapshot-screens";
import { notFound } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { snapshotRouteParams } from "@/lib/validations/snapshots";

/** The guest's screen when the snapshot was taken (only snapshots of a running guest have one). */
export const GET = route({ permission: "guest.view", params: snapshotRouteParams, scope: guestScope }, async ({ actor, params }) => {
  requireHardwareView(actor.grants, params.hostId, params.uuid);
  const png = await readSnapshotScreenshot(params.hostId, params.uuid, params.name);
  if (!png) throw notFound("Screenshot");
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=60" } });
});
