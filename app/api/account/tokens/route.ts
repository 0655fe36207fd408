import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";
import { createdTokenSchema, createTokenSchema, tokenSchema } from "@/lib/validations/tokens";

export const GET = route(
  { permission: "authenticated", sessionOnly: true, summary: "Your API tokens", response: z.array(tokenSchema) },
  async ({ actor }) => listTokens(actor.id),
);

export const POST = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    body: createTokenSchema,
    summary: "Make an API token (its secret is in this answer only)",
    response: createdTokenSchema,
  },
  async ({ ctx, body }) => createToken(ctx, body),
);
