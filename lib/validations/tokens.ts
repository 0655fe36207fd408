import { z } from "zod";
import { said } from "./messages";
import { grantSchema } from "./users";
import { nameSchema } from "./names";

/** The longest an API token may live; a person makes a new one after that. */
export const TOKEN_MAX_DAYS = 366;

export const createTokenSchema = z.object({
  name: nameSchema("label"),
  expiresInDays: z.number().int().min(1, said("atLeastOneDay")).max(TOKEN_MAX_DAYS, said("atMostDays")),
  /** What the token may do: each a role on a scope, within the owner's own grants. */
  grants: z.array(grantSchema).min(1, said("chooseTokenGrant")).max(20),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenIdParams = z.object({ tokenId: z.string().min(1).max(64) });

/** A token as its owner sees it (never the secret, which is shown once when it is made). */
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  grants: z.array(grantSchema),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string(),
});
export type TokenView = z.infer<typeof tokenSchema>;

export const createdTokenSchema = z.object({ id: z.string(), secret: z.string(), expiresAt: z.string() });

/** How a token starts: the prefix lets secret scanners and people recognise one. */
export const TOKEN_PREFIX = "vct_";
