import "server-only";
import type { CreateUserInput } from "@/lib/validations/users";
import type { Actor } from "../auth/session";
import { hashPassword } from "../auth/password";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { newId } from "../ids";

export async function createUser(actor: Actor, input: CreateUserInput & { displayName: string }, ip: string) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) {
      throw new ApiError(409, `A user named ${input.username} already exists`, { username: "This name is taken" });
    }
    const user = await tx.user.create({ data: { id: newId(), username: input.username, displayName: input.displayName, passwordHash } });
    if (input.role) await tx.roleGrant.create({ data: { id: newId(), userId: user.id, role: input.role, scope: "global" } });
    await audit(
      { actor, action: "user.create", target: `user:${user.username}`, details: { role: input.role ?? null }, result: "ok", ip },
      tx,
    );
    return { id: user.id, username: user.username };
  });
}
