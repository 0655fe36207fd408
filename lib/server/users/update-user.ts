import "server-only";
import type { UpdateUserInput } from "@/lib/validations/users";
import { hashPassword } from "../auth/password";
import type { Actor } from "../auth/session";
import { accessChanged } from "../auth/access-changed";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";

/** Renames, disables/enables or resets the password of a user; disabling or a reset signs them out everywhere. */
export async function updateUser(actor: Actor, userId: string, input: UpdateUserInput, ip: string) {
  if (input.disabled === true && userId === actor.id) throw new ApiError(409, "You cannot disable your own account");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const result = await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw notFound("User");
    await tx.user.update({
      where: { id: userId },
      data: { displayName: input.displayName, disabled: input.disabled, passwordHash },
    });
    if (input.disabled === true || passwordHash) {
      await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    const changes: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName !== before.displayName)
      changes.displayName = { from: before.displayName, to: input.displayName };
    if (input.disabled !== undefined && input.disabled !== before.disabled)
      changes.disabled = { from: before.disabled, to: input.disabled };
    if (passwordHash) changes.password = "reset";
    await audit({ actor, action: "user.update", target: `user:${before.username}`, details: changes, result: "ok", ip }, tx);
    return { id: userId };
  });
  if (input.disabled === true) await accessChanged(userId, "Your account was disabled");
  else if (passwordHash) await accessChanged(userId, "Your password was reset");
  return result;
}
