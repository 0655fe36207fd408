import "server-only";
import { isAdmin } from "@/lib/roles";
import { powerManagementSchema, type PowerManagementInput } from "@/lib/validations/high-availability";
import { auditedTransaction } from "../audit";
import { forbidden, notFound } from "../http/errors";
import { seal } from "../hosts/secret-box";
import type { VerbContext } from "../verb-context";

/**
 * Sets (or clears) a host's power management: its IPMI controller's address, port, user and password. The
 * password is sealed like host credentials and never read back; an empty one keeps the stored password. Admins only:
 * whoever holds it can power the host off.
 */
export async function setPowerManagement(
  ctx: VerbContext,
  { hostId, ...input }: { hostId: string } & PowerManagementInput,
): Promise<{ ok: true }> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const parsed = powerManagementSchema.parse(input);
  const details: Record<string, unknown> = {};
  let target = `host:${hostId}`;
  await auditedTransaction(ctx, { action: "host.power-management", target: () => target, details }, async (tx) => {
    const host = await tx.host.findUnique({ where: { id: hostId } });
    if (!host) throw notFound("host");
    target = `host:${host.name}`;
    if ("clear" in parsed) {
      details.cleared = true;
      await tx.host.update({ where: { id: hostId }, data: { bmcAddress: null, bmcUser: null, bmcPasswordSealed: null, bmcPort: 623 } });
      return;
    }
    const { address, port, user, password } = parsed;
    // What changed, never the password itself.
    Object.assign(details, { address, port, user, passwordChanged: Boolean(password) });
    await tx.host.update({
      where: { id: hostId },
      data: { bmcAddress: address, bmcPort: port, bmcUser: user, ...(password ? { bmcPasswordSealed: seal(password) } : {}) },
    });
  });
  return { ok: true };
}
