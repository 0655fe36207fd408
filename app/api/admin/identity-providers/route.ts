import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { listProviders } from "@/lib/server/identity/providers";
import { saveProvider } from "@/lib/server/identity/save-provider";
import { providerInputSchema } from "@/lib/validations/identity";

export const GET = route({ permission: "admin", summary: "Sign-in providers (OpenID Connect, LDAP), without their secrets" }, async () =>
  listProviders(),
);

export const POST = route(
  { permission: "admin", body: providerInputSchema, summary: "Add a sign-in provider", response: z.object({ id: z.string() }) },
  async ({ ctx, body }) => saveProvider(ctx, body),
);
