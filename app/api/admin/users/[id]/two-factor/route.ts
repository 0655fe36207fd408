import { route } from "@/lib/server/http/route";
import { resetTwoFactor } from "@/lib/server/users/reset-two-factor";
import { idParams } from "@/lib/validations/users";

export const DELETE = route(
  { permission: "admin", params: idParams, summary: "Turn a person's second factor off so they can enrol again" },
  async ({ ctx, params }) => resetTwoFactor(ctx, { userId: params.id }),
);
