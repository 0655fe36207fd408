import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { changeMedium, guestMedia } from "@/lib/server/guests/media/guest-media";
import { route } from "@/lib/server/http/route";
import { changeMediumSchema } from "@/lib/validations/consoles";

/** The guest's CD drives and the approved ISO images of its host. */
export const GET = route({ permission: "guest.power", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  guestMedia(params.hostId, params.uuid),
);

/** Puts an approved ISO image into a CD drive, or empties it; audited. */
export const POST = route(
  { permission: "guest.power", params: guestRouteParams, scope: guestScope, body: changeMediumSchema },
  async ({ ctx, params, body }) => changeMedium(ctx, { ...params, ...body }),
);
