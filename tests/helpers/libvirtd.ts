// Controls the machine's libvirtd for tests that restart it; it is always left running.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const PID_FILE = "/run/libvirtd.pid";

export function libvirtdPid(): number | null {
  if (!existsSync(PID_FILE)) return null;
  const pid = Number(readFileSync(PID_FILE, "utf8").trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function ensureLibvirtdRunning(): void {
  if (libvirtdPid() === null) execFileSync("libvirtd", ["-d"]);
}

export async function waitForLibvirtd(): Promise<void> {
  ensureLibvirtdRunning();
  await waitUntil(() => libvirtdPid() !== null && existsSync("/run/libvirt/libvirt-sock"), 20_000, "libvirtd");
}

/** Stops libvirtd (SIGTERM, as an administrator's restart would) and waits until it is gone. */
export async function stopLibvirtd(): Promise<void> {
  const pid = libvirtdPid();
  if (pid === null) return;
  process.kill(pid, "SIGTERM");
  await waitUntil(() => libvirtdPid() === null, 20_000, "libvirtd to exit");
}
