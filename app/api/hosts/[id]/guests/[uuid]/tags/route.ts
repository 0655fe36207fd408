import { z } from "zod";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { setGuestTags } from "@/lib/server/tags/set-guest-tags";
import { setTagsSchema } from "@/lib/validations/tags";

export const PUT = route(
  {
    permission: "guest.manage",
    params: guestRouteParams,
    scope: guestScope,
    body: setTagsSchema,
    summary: "Replace a guest's tags (kept in its libvirt metadata under urn:virt-console:tags:1)",
    response: z.object({ tags: z.array(z.string()) }),
  },
  async ({ ctx, params, body }) => setGuestTags(ctx, { ...params, ...body }),
);
