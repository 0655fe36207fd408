import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { resolveHardwareTarget } from "@/lib/server/guests/hardware/hardware-target";
import { requireHardwareView } from "@/lib/server/guests/hardware/access";
import { defineGuestXml, readGuestXml } from "@/lib/server/guests/hardware/guest-xml";
import { route } from "@/lib/server/http/route";
import { defineXmlSchema } from "@/lib/validations/hardware/sections";

export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ actor, params }) => {
  requireHardwareView(actor.grants, params.hostId, params.uuid);
  return readGuestXml(await resolveHardwareTarget(params.hostId, params.uuid, actor.id));
});

export const PUT = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: defineXmlSchema },
  async ({ ctx, params, body }) => defineGuestXml(ctx, { ...params, ...body }),
);
