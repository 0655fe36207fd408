import "server-only";
import type { Actor } from "../auth/session";
import { disableTotp } from "../auth/two-factor";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";

/** An admin turns a person's second factor off (a lost phone, no recovery codes left); they enrol again. */
export async function resetTwoFactor(actor: Actor, userId: string, ip: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    await disableTotp(tx, userId);
    await audit({ actor, action: "user.two-factor.reset", target: `user:${user.username}`, result: "ok", ip }, tx);
  });
}
