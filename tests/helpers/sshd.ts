// A throwaway OpenSSH server on 127.0.0.1 for tests: temp host key, temp client key in
// authorized_keys, foreground process killed by stop(). Needs root (as the tests run).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface TestSshd {
  host: "127.0.0.1";
  port: number;
  user: string;
  /** Private key accepted by the server (OpenSSH format). */
  clientKeyPath: string;
  clientKey: Buffer;
  /** The server's host public key as raw wire bytes (what ssh2's hostVerifier receives). */
  hostKey: Buffer;
  /** known_hosts file listing the host key for [127.0.0.1]:port. */
  knownHostsPath: string;
  dir: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on port ${port} within ${timeoutMs} ms`);
}

export async function startSshd(opts: { extraConfig?: string } = {}): Promise<TestSshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "test-sshd-"));
  const keygen = (file: string): void => void execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file]);
  keygen(path.join(dir, "host_ed25519"));
  keygen(path.join(dir, "client_ed25519"));
  writeFileSync(path.join(dir, "authorized_keys"), readFileSync(path.join(dir, "client_ed25519.pub")), { mode: 0o600 });
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${dir}/host_ed25519`,
      `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "StrictModes no",
      "UsePAM no",
      "AllowStreamLocalForwarding yes",
      "LogLevel ERROR",
      opts.extraConfig ?? "",
    ].join("\n") + "\n",
  );
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const child = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config, "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, 10_000);
  } catch (err) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  const hostPub = readFileSync(path.join(dir, "host_ed25519.pub"), "utf8").trim().split(/\s+/);
  const knownHostsPath = path.join(dir, "known_hosts");
  writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}\n`);
  return {
    host: "127.0.0.1",
    port,
    user: os.userInfo().username,
    clientKeyPath: path.join(dir, "client_ed25519"),
    clientKey: readFileSync(path.join(dir, "client_ed25519")),
    hostKey: Buffer.from(hostPub[1], "base64"),
    knownHostsPath,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
