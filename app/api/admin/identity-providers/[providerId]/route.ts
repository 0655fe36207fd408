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
  async ({ actor, params, body, ip }) => saveProvider(actor, body, ip, params.providerId),
);

export const DELETE = route(
  { permission: "admin", params: providerIdParams, summary: "Remove a sign-in provider and the grants its groups gave" },
  async ({ actor, params, ip }) => deleteProvider(actor, params.providerId, ip),
);
