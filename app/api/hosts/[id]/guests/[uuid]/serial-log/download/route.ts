import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { serialLogText } from "@/lib/server/consoles/serial-log/query";
import { route } from "@/lib/server/http/route";
import { serialLogDeviceSchema } from "@/lib/validations/consoles";

/** Every kept line of a guest console as a text file, a UTC time stamp before each. */
export const GET = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, query: serialLogDeviceSchema },
  async ({ params, query }) => {
    return new Response(serialLogText(params.hostId, params.uuid, query.device), {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="serial-${params.uuid}-${query.device}.log"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
