import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { suggestPlacement } from "@/lib/server/host-clusters/suggest-placement";
import { route } from "@/lib/server/http/route";
import { placementQuerySchema } from "@/lib/validations/host-clusters";

export const GET = route(
  {
    permission: "guest.manage",
    params: hostRouteParams,
    scope: hostScope,
    query: placementQuerySchema,
    summary: "Where the host's cluster would place a new guest of this size (its policy, room and rules), and why",
  },
  async ({ ctx, params, query }) => suggestPlacement(ctx, { ...params, ...query }),
);
