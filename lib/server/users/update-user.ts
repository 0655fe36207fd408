import "server-only";
import type { UpdateUserInput } from "@/lib/validations/users";
import { hashPassword } from "../auth/password";
import { accessChanged } from "../auth/access-changed";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError, notFound } from "../http/errors";

/** Renames, disables/enables or resets the password of a user; disabling or a reset signs them out everywhere. */
export async function updateUser(ctx: VerbContext, { userId, ...input }: { userId: string } & UpdateUserInput) {
  if (input.disabled === true && userId === ctx.actor.id) throw new ApiError(409, { key: "cannotDisableSelf" });
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const changes: Record<string, unknown> = {};
  let target = `user:${userId}`;
  const result = await auditedTransaction(ctx, { action: "user.update", target: () => target, details: changes }, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw notFound("user");
    target = `user:${before.username}`;
    await tx.user.update({
      where: { id: userId },
      data: { displayName: input.displayName, disabled: input.disabled, passwordHash },
    });
    if (input.disabled === true || passwordHash) {
      await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    if (input.displayName !== undefined && input.displayName !== before.displayName)
      changes.displayName = { from: before.displayName, to: input.displayName };
    if (input.disabled !== undefined && input.disabled !== before.disabled)
      changes.disabled = { from: before.disabled, to: input.disabled };
    if (passwordHash) changes.password = "reset";
    return { id: userId };
  });
  // Their open pages and consoles close now, saying why.
  if (input.disabled === true) await accessChanged(userId, "disabled");
  else if (passwordHash) await accessChanged(userId, "password-reset");
  return result;
}
