import { route } from "@/lib/server/http/route";
import { getPortal } from "@/lib/server/quotas/get-portal";

/** Any signed-in person: their quotas (none for most) and the templates they may make guests from (none without guest.create). */
export const GET = route(
  { permission: "authenticated", summary: "The person's quotas with their use, and the templates they may make guests from" },
  async ({ ctx }) => getPortal(ctx),
);
