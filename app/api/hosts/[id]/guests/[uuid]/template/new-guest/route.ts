import { guestRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { createFromTemplate } from "@/lib/server/templates/create-from-template";
import { fromTemplateSchema } from "@/lib/validations/templates";

// A new guest on the host, so it takes the right to create guests on the whole host (a power user's is that alone).
export const POST = route(
  {
    permission: "guest.create",
    params: guestRouteParams,
    scope: hostScope,
    body: fromTemplateSchema,
    summary: "Create a guest from a template (linked clone or full copy, optionally with a cloud-init seed) as a job",
  },
  async ({ ctx, params, body }) => createFromTemplate(ctx, { ...params, ...body }),
);
