import { setPreferences } from "@/lib/server/account/set-preferences";
import { route } from "@/lib/server/http/route";
import { preferencesSchema } from "@/lib/validations/preferences";

export const PUT = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    body: preferencesSchema,
    summary: "Choose your language and time zone (null follows the browser)",
  },
  async ({ ctx, body }) => setPreferences(ctx, body),
);
