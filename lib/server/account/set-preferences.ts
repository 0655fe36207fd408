import "server-only";
import type { PreferencesInput } from "@/lib/validations/preferences";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";

/** A person sets their own language and time zone; every page they open next speaks and shows times in them. */
export async function setPreferences(ctx: VerbContext, input: PreferencesInput): Promise<PreferencesInput> {
  const { actor } = ctx;
  return auditedTransaction(ctx, { action: "user.preferences", target: `user:${actor.username}`, details: { ...input } }, async (tx) => {
    const user = await tx.user.update({ where: { id: actor.id }, data: input, select: { locale: true, timeZone: true } });
    return { locale: user.locale as PreferencesInput["locale"], timeZone: user.timeZone };
  });
}
