// What a process costs, read from /proc (Linux): CPU time of a whole process group, resident memory,
// the process listening on a port, the machine's load. For benchmarks that measure servers they started.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ; 100 on every Linux we run on). */
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, the state. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  // utime and stime are fields 14 and 15.
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : 0;
}

/** Process ids in a process group (a server and the helpers it started, e.g. esbuild). */
export function groupMembers(pgid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => Number(statFields(pid)?.[2]) === pgid);
}

/** CPU seconds used so far by each member of a process group. */
export function groupCpu(pgid: number): Map<number, number> {
  return new Map(groupMembers(pgid).map((pid) => [pid, cpuSeconds(pid)]));
}

/** CPU seconds a group used between two groupCpu readings (a member started in between counts from its start). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

/** Resident memory of a process in MiB (VmRSS), or 0 when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kib ? Number(kib[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process listening on a loopback TCP port (ss from iproute2), or null. */
export function listenerPid(port: number): number | null {
  const out = execFileSync("ss", ["-Htlnp", "sport", "=", `:${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

/** The oldest process with this exact command name (e.g. "libvirtd"), or null. */
export function pidOf(name: string): number | null {
  try {
    return Number(execFileSync("pgrep", ["-o", "-x", name], { encoding: "utf8" }).trim()) || null;
  } catch {
    return null;
  }
}

/** The 1-minute load average, to print next to timings taken on a shared machine. */
export const loadAverage = (): string => os.loadavg()[0].toFixed(2);
