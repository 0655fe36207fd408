import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { deleteProvider } from "@/lib/server/identity/delete-provider";
import { saveProvider } from "@/lib/server/identity/save-provider";
import { providerIdParams, providerInputSchema } from "@/lib/validations/identity";

export const PUT = route(
  {
    permission: "admin",
    params: providerIdParams,
    body: providerInputSchema,
    summary: "Change a sign-in provider (a secret left out stays)",
    response: z.object({ id: z.string() }),
  },
  async ({ ctx, params, body }) => saveProvider(ctx, { ...body, providerId: params.providerId }),
);

export const DELETE = route(
  { permission: "admin", params: providerIdParams, summary: "Remove a sign-in provider and the grants its groups gave" },
  async ({ ctx, params }) => deleteProvider(ctx, params),
);
