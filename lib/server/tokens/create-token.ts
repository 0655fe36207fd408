import "server-only";
import { randomBytes } from "node:crypto";
import { grantWithin, type Grant } from "@/lib/roles";
import { TOKEN_PREFIX, type CreateTokenInput } from "@/lib/validations/tokens";
import { grantFromInput } from "@/lib/validations/users";
import { hashToken } from "../auth/session";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { newId } from "../ids";

/** Makes an API token for the signed-in person; its secret is in the answer only, never stored or shown again. */
export async function createToken(ctx: VerbContext, input: CreateTokenInput) {
  const { actor } = ctx;
  const grants: Grant[] = input.grants.map(grantFromInput);
  const beyond = grants.findIndex((g) => !grantWithin(g, actor.grants));
  if (beyond >= 0) throw new ApiError(422, { key: "tokenBeyond" }, { [`grants.${beyond}`]: { key: "moreThanYou" } });
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const id = newId();
  const details = { name: input.name, grants, expiresAt: expiresAt.toISOString() };
  await auditedTransaction(ctx, { action: "token.create", target: `token:${id}`, details }, (tx) =>
    tx.apiToken.create({
      data: { id, userId: actor.id, name: input.name, tokenHash: hashToken(secret), grants: JSON.stringify(grants), expiresAt },
    }),
  );
  return { id, secret, expiresAt: expiresAt.toISOString() };
}
