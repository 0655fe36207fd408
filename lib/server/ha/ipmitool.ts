import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ipmitoolArgs, parsePowerStatus, type BmcCommand, type PowerState } from "@/lib/high-availability/ipmi";
import { db } from "../db";
import { open } from "../hosts/secret-box";

const run = promisify(execFile);
/** ipmitool gives up by itself after its tries (ipmitoolArgs); this bounds a controller that half-answers. */
const IPMITOOL_TIMEOUT_MS = 20_000;

/** A controller that did not answer as asked, with ipmitool's own words. */
export class BmcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BmcError";
  }
}

export type Bmc = { address: string; port: number; user: string; password: string };

/** The host's controller with its password opened, or null when it has no power management. */
export async function bmcOf(hostId: string): Promise<Bmc | null> {
  const host = await db().host.findUnique({
    where: { id: hostId },
    select: { bmcAddress: true, bmcPort: true, bmcUser: true, bmcPasswordSealed: true },
  });
  if (!host?.bmcAddress || !host.bmcUser) return null;
  const password = host.bmcPasswordSealed ? open(host.bmcPasswordSealed) : "";
  return { address: host.bmcAddress, port: host.bmcPort, user: host.bmcUser, password };
}

/** Runs one command on the controller; the password travels in the environment (ipmitool -E), never in argv. */
export async function ipmitool(bmc: Bmc, command: BmcCommand): Promise<string> {
  try {
    const { stdout } = await run("ipmitool", ipmitoolArgs(bmc, command), {
      timeout: IPMITOOL_TIMEOUT_MS,
      env: { ...process.env, IPMI_PASSWORD: bmc.password },
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string };
    const said = e.code === "ENOENT" ? "ipmitool is not installed on the console's machine" : (e.stderr ?? "").trim() || e.message;
    throw new BmcError(said.split("\n").slice(-2).join(" "));
  }
}

export async function powerStatus(bmc: Bmc): Promise<PowerState> {
  return parsePowerStatus(await ipmitool(bmc, "status"));
}
