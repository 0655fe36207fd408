// What the console asks a host's management controller (IPMI over LAN, through ipmitool) and how it reads the
// answers: pure, so that the arguments and the parsing are tested without a controller.

/** The power states a controller reports; "unknown" when its answer says neither. */
export type PowerState = "on" | "off" | "unknown";

export type BmcTarget = { address: string; port: number; user: string };

export type BmcCommand = "status" | "off";

/**
 * ipmitool's arguments for one command over IPMI v2.0 (lanplus). The password is never an argument (it would show
 * in the process list): `-E` reads it from the IPMI_PASSWORD environment variable. `-N`/`-R` bound how long an
 * unanswered controller is waited for (seconds per try, tries).
 */
export function ipmitoolArgs(target: BmcTarget, command: BmcCommand): string[] {
  const base = ["-I", "lanplus", "-H", target.address, "-p", String(target.port), "-U", target.user, "-E", "-N", "2", "-R", "2"];
  return [...base, "chassis", "power", command === "status" ? "status" : "off"];
}

/** "Chassis Power is on" / "Chassis Power is off", as ipmitool prints the status. */
export function parsePowerStatus(stdout: string): PowerState {
  const said = /Chassis Power is (on|off)/i.exec(stdout);
  if (!said) return "unknown";
  return said[1]!.toLowerCase() === "on" ? "on" : "off";
}
