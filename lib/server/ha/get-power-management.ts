import "server-only";
import type { PowerManagementView } from "@/lib/high-availability/types";
import { isAdmin } from "@/lib/roles";
import { db } from "../db";
import { forbidden, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** A host's power management for the admin's form: whether a password is stored, never the password. */
export async function getPowerManagement(ctx: VerbContext, { hostId }: { hostId: string }): Promise<PowerManagementView> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const host = await db().host.findUnique({
    where: { id: hostId },
    select: { bmcAddress: true, bmcPort: true, bmcUser: true, bmcPasswordSealed: true },
  });
  if (!host) throw notFound("host");
  return { address: host.bmcAddress, port: host.bmcPort, user: host.bmcUser, passwordSet: host.bmcPasswordSealed !== null };
}
