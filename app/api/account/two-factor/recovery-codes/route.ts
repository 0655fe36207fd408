import { z } from "zod";
import { newOwnRecoveryCodes } from "@/lib/server/account/two-factor-manage";
import { route } from "@/lib/server/http/route";
import { secondFactorAnswerSchema } from "@/lib/validations/auth";

export const POST = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    body: secondFactorAnswerSchema,
    summary: "New recovery codes (the old ones stop working)",
    response: z.object({ recoveryCodes: z.array(z.string()) }),
  },
  async ({ ctx, body }) => newOwnRecoveryCodes(ctx, body),
);
