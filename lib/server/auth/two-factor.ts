import "server-only";
import type { Db } from "../db";
import { db } from "../db";
import { open, seal } from "../hosts/secret-box";
import { newId } from "../ids";
import { acceptedStep, hashRecoveryCode, newRecoveryCodes } from "./totp";

type Tx = Pick<Db, "user" | "recoveryCode">;

/**
 * Checks a second factor and uses it up: a TOTP code (its time step is remembered, so it works once) or one of
 * the person's unused recovery codes (marked used). Returns which it was, or null when neither is right.
 */
export async function spendSecondFactor(
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  answer: { code?: string; recoveryCode?: string },
): Promise<"totp" | "recovery-code" | null> {
  if (!user.totpSecret) return null;
  if (answer.code) {
    const step = acceptedStep(open(user.totpSecret), answer.code, user.totpLastStep);
    if (step === null) return null;
    // Conditional, so the same code sent twice at once passes once.
    const taken = await db().user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return taken.count === 1 ? "totp" : null;
  }
  if (answer.recoveryCode) {
    const used = await db().recoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(answer.recoveryCode), usedAt: null },
      data: { usedAt: new Date() },
    });
    return used.count === 1 ? "recovery-code" : null;
  }
  return null;
}

/** Turns TOTP on with a confirmed secret and gives ten new recovery codes (the old ones stop working). */
export async function enableTotp(tx: Tx, userId: string, secret: string, step: number): Promise<string[]> {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: seal(secret), totpEnabledAt: new Date(), totpLastStep: step } });
  return replaceRecoveryCodes(tx, userId);
}

export async function replaceRecoveryCodes(tx: Pick<Db, "recoveryCode">, userId: string): Promise<string[]> {
  const { codes, hashes } = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  for (const codeHash of hashes) await tx.recoveryCode.create({ data: { id: newId(), userId, codeHash } });
  return codes;
}

export async function disableTotp(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}
