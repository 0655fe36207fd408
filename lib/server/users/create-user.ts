import "server-only";
import type { CreateUserInput } from "@/lib/validations/users";
import { hashPassword } from "../auth/password";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { newId } from "../ids";

export async function createUser(ctx: VerbContext, input: CreateUserInput & { displayName: string }) {
  const passwordHash = await hashPassword(input.password);
  const subject = { action: "user.create" as const, target: `user:${input.username}`, details: { role: input.role ?? null } };
  return auditedTransaction(ctx, subject, async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) {
      throw new ApiError(409, { key: "userExists", values: { name: input.username } }, { username: { key: "nameTaken" } });
    }
    const user = await tx.user.create({ data: { id: newId(), username: input.username, displayName: input.displayName, passwordHash } });
    if (input.role) await tx.roleGrant.create({ data: { id: newId(), userId: user.id, role: input.role, scope: "global" } });
    return { id: user.id, username: user.username };
  });
}
