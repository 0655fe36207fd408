import { route } from "@/lib/server/http/route";
import { revokeToken } from "@/lib/server/tokens/revoke-token";
import { tokenIdParams } from "@/lib/validations/tokens";

export const DELETE = route(
  { permission: "authenticated", sessionOnly: true, params: tokenIdParams, summary: "Revoke one of your API tokens" },
  async ({ ctx, params }) => revokeToken(ctx, params),
);
