import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { enableSerialLog } from "@/lib/server/consoles/serial-log/enable";
import { serialLog } from "@/lib/server/consoles/serial-log/query";
import { route } from "@/lib/server/http/route";
import { serialLogDeviceSchema, serialLogQuerySchema } from "@/lib/validations/consoles";

/** What the guest wrote to a serial console (kept also while nobody watched), searchable, a page at a time. */
export const GET = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, query: serialLogQuerySchema },
  async ({ actor, params, query }) => serialLog(actor, params.hostId, params.uuid, query),
);

/** Keeps a serial device's output in a log file from the guest's next start (a change to its definition). */
export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: serialLogDeviceSchema },
  async ({ ctx, params, body }) => enableSerialLog(ctx, { ...params, ...body }),
);
