import "server-only";
import { generatePassword, hashPassword } from "./auth/password";
import { auditRow } from "./audit";
import { db } from "./db";
import { newId } from "./ids";

const system = { id: null, username: "system" };

/** Several instances starting together on an empty database: one creates, the others find a unique key taken. */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002";

/** On a first start with no users: creates `admin` with ADMIN_PASSWORD or a random password, returned once. */
export async function ensureFirstAdmin(configuredPassword?: string): Promise<string | null> {
  if ((await db().user.count()) > 0) return null;
  const password = configuredPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { id: newId(), username: "admin", displayName: "Administrator", passwordHash } });
      await tx.roleGrant.create({ data: { id: newId(), userId: user.id, role: "admin", scope: "global" } });
      await auditRow(
        { actor: system, ip: "" },
        { action: "user.create", target: "user:admin", details: { role: "admin", firstStart: true } },
        "ok",
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another instance created it (and prints its password)
    throw err;
  }
  return password;
}

/** Registers this machine's libvirt as the host "localhost" the first time the console starts. */
export async function ensureLocalHost(uri: string): Promise<boolean> {
  if ((await db().host.count()) > 0) return false;
  try {
    await db().$transaction(async (tx) => {
      await tx.host.create({ data: { id: newId(), name: "localhost", uri } });
      await auditRow({ actor: system, ip: "" }, { action: "host.create", target: "host:localhost", details: { uri } }, "ok", tx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return false; // another instance registered it
    throw err;
  }
  return true;
}
