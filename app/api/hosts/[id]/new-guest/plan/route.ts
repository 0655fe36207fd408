import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { previewGuest } from "@/lib/server/new-guest/plan";
import { newGuestSchema } from "@/lib/validations/new-guest";

/** The XML "Finish" would define, with the firmware, TPM and machine the builder chose; nothing is created. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: newGuestSchema },
  async ({ ctx, params, body }) => previewGuest(ctx, { ...params, ...body }),
);
