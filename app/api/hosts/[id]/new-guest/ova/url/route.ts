import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { fetchOva } from "@/lib/server/ova/fetch-ova";
import { ovaUrlSchema } from "@/lib/validations/new-guest";

/** An appliance (.ova) the console downloads from a URL (guarded fetch), then checks as an upload; answers with what it holds. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: ovaUrlSchema },
  async ({ req, ctx, params, body }) => fetchOva(ctx, { ...params, url: body.url, signal: req.signal }),
);
