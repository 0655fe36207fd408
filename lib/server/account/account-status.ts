import "server-only";
import { twoFactorRequired } from "../auth/finish-sign-in";
import { db } from "../db";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** What the account page shows a person about themselves. */
export async function accountStatus({ actor }: VerbContext) {
  const user = await db().user.findUnique({ where: { id: actor.id }, include: { provider: { select: { name: true } } } });
  if (!user) throw notFound("user");
  return {
    username: user.username,
    displayName: user.displayName,
    source: user.source,
    providerName: user.provider?.name ?? null,
    twoFactor: {
      enabled: user.totpEnabledAt !== null,
      enabledAt: user.totpEnabledAt?.toISOString() ?? null,
      required: await twoFactorRequired(user.id),
      recoveryCodesLeft: await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
    },
  };
}
