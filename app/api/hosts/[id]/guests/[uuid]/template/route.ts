import { z } from "zod";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { setTemplate } from "@/lib/server/templates/set-template";
import { setTemplateSchema } from "@/lib/validations/templates";

export const PUT = route(
  {
    permission: "guest.manage",
    params: guestRouteParams,
    scope: guestScope,
    body: setTemplateSchema,
    summary:
      "Mark a shut-off guest as a template, or turn it back into a guest (kept in its libvirt metadata under urn:virt-console:template:1)",
    response: z.object({ template: z.boolean() }),
  },
  async ({ ctx, params, body }) => setTemplate(ctx, { ...params, ...body }),
);
