import "server-only";
import { disableTotp } from "../auth/two-factor";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { notFound } from "../http/errors";

/** An admin turns a person's second factor off (a lost phone, no recovery codes left); they enrol again. */
export async function resetTwoFactor(ctx: VerbContext, { userId }: { userId: string }): Promise<void> {
  let target = `user:${userId}`;
  await auditedTransaction(ctx, { action: "user.two-factor.reset", target: () => target }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("user");
    target = `user:${user.username}`;
    await disableTotp(tx, userId);
  });
}
