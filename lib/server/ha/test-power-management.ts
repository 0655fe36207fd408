import "server-only";
import type { PowerTestResult } from "@/lib/high-availability/types";
import { isAdmin } from "@/lib/roles";
import { auditRow } from "../audit";
import { forbidden, notFound, ApiError } from "../http/errors";
import { db } from "../db";
import type { VerbContext } from "../verb-context";
import { bmcOf, powerStatus } from "./ipmitool";

/** Asks the host's controller for its power state (ipmitool … chassis power status): the stored settings work or say why not. */
export async function testPowerManagement(ctx: VerbContext, { hostId }: { hostId: string }): Promise<PowerTestResult> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) throw notFound("host");
  const bmc = await bmcOf(hostId);
  if (!bmc) throw new ApiError(409, { key: "noPowerManagement", values: { host: host.name } });
  let result: PowerTestResult;
  try {
    result = { ok: true, power: await powerStatus(bmc) };
  } catch (err) {
    result = { ok: false, message: (err as Error).message };
  }
  await auditRow(
    ctx,
    { action: "host.power-management.test", target: `host:${host.name}`, details: { ...result } },
    result.ok ? "ok" : "error",
  );
  return result;
}
