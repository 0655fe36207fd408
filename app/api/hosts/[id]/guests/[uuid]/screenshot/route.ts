import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { screenshotGuest } from "@/lib/server/guests/screenshot-guest";
import { route } from "@/lib/server/http/route";

/** The guest's screen as a PNG download; anyone who may see the guest may take one. */
export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ params }) => {
  const png = await screenshotGuest(params.hostId, params.uuid);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="screenshot-${params.uuid}-${stamp}.png"`,
      "Cache-Control": "no-store",
    },
  });
});
