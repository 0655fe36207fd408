import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { sendKeys } from "@/lib/server/guests/send-keys";
import { route } from "@/lib/server/http/route";
import { sendKeysSchema } from "@/lib/validations/consoles";

/** Presses a key combination (Ctrl+Alt+Del) on the guest's keyboard without opening its console; audited. */
export const POST = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, body: sendKeysSchema },
  async ({ ctx, params, body }) => sendKeys(ctx, { ...params, ...body }),
);
