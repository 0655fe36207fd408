import { z } from "zod";
import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { setHostTags } from "@/lib/server/tags/set-host-tags";
import { setTagsSchema } from "@/lib/validations/tags";

export const PUT = route(
  {
    permission: "host.manage",
    params: hostRouteParams,
    scope: hostScope,
    body: setTagsSchema,
    summary: "Replace a host's tags (kept in the console's database)",
    response: z.object({ tags: z.array(z.string()) }),
  },
  async ({ ctx, params, body }) => setHostTags(ctx, { ...params, ...body }),
);
