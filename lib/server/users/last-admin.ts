import "server-only";
import type { Db } from "../db";

/** True if someone other than `userId` holds admin everywhere and can sign in: the console must never lose its last administrator. */
export async function anotherAdminRemains(tx: Pick<Db, "roleGrant">, userId: string): Promise<boolean> {
  const others = await tx.roleGrant.count({
    where: { role: "admin", scope: "global", userId: { not: userId }, user: { disabled: false } },
  });
  return others > 0;
}
