import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { planGuest } from "@/lib/server/new-guest/plan";
import { hostConnection } from "@/lib/server/storage/storage-target";
import { newGuestSchema } from "@/lib/validations/new-guest";

/** The XML "Finish" would define, with the firmware, TPM and machine the builder chose; nothing is created. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: newGuestSchema },
  async ({ params, body }) => {
    const { lv } = await hostConnection(params.hostId);
    return (await planGuest(lv, body)).plan;
  },
);
