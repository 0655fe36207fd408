import { guestScope } from "@/lib/guests/types";
import { snapshotScreenshot } from "@/lib/server/guests/snapshots/snapshot-screenshot";
import { route } from "@/lib/server/http/route";
import { snapshotRouteParams } from "@/lib/validations/snapshots";

/** The guest's screen when the snapshot was taken (only snapshots of a running guest have one). */
export const GET = route({ permission: "guest.view", params: snapshotRouteParams, scope: guestScope }, async ({ ctx, params }) => {
  const png = await snapshotScreenshot(ctx, params);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=60" } });
});
