import { changePassword } from "@/lib/server/account/change-password";
import { route } from "@/lib/server/http/route";
import { changePasswordSchema } from "@/lib/validations/auth";

export const POST = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    body: changePasswordSchema,
    summary: "Change your own password (your other sessions end)",
  },
  async ({ ctx, body }) => changePassword(ctx, body),
);
