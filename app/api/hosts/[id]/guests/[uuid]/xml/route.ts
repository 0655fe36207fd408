import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { defineGuestXml, readGuestXml } from "@/lib/server/guests/hardware/guest-xml";
import { route } from "@/lib/server/http/route";
import { defineXmlSchema } from "@/lib/validations/hardware/sections";

export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  readGuestXml(ctx, params),
);

export const PUT = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: defineXmlSchema },
  async ({ ctx, params, body }) => defineGuestXml(ctx, { ...params, ...body }),
);
