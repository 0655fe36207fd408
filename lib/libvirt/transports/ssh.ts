// SSH transport through ssh2: exec `virt-ssh-helper URI` on the host (libvirt's default),
// falling back to `nc -U socket`. No pty (it would corrupt the framing). The channel's
// stderr becomes the error message when the remote command fails before speaking RPC.
import { readFileSync } from "node:fs";
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";
import { ConnectionClosedError } from "../errors";
import type { TransportCloseDetail } from "../rpc";
import type { Dialer } from "./dialer";
import { DEFAULT_SSH_PORT } from "../default-ports";

export interface SshDialerOptions {
  host: string;
  port?: number;
  username?: string;
  password?: string;
  privateKey?: string | Buffer;
  privateKeyPath?: string;
  passphrase?: string;
  /** ssh-agent socket; defaults to $SSH_AUTH_SOCK when no key or password is given. */
  agent?: string;
  /** Called with the raw host key; return false to refuse (pin keys here). */
  hostKeyVerifier?: (key: Buffer) => boolean;
  /** OpenSSH known_hosts file used when no verifier is given. */
  knownHostsPath?: string;
  /** Skip host key verification (URI no_verify=1). */
  noVerify?: boolean;
  /** URI the helper on the host should open, e.g. "qemu:///system". */
  remoteUri: string;
  /** Use `nc -U <socket>` instead of virt-ssh-helper. */
  remoteSocket?: string;
  netcat?: string;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** libvirt's "auto" proxy: virt-ssh-helper if present, else netcat on the daemon socket. */
export function remoteCommand(options: Pick<SshDialerOptions, "remoteUri" | "remoteSocket" | "netcat">): string {
  const socket = options.remoteSocket ?? "/var/run/libvirt/libvirt-sock";
  const nc = shellQuote(options.netcat ?? "nc");
  const netcat = `if ${nc} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ${nc} $ARG -U ${shellQuote(socket)}`;
  if (options.remoteSocket || options.netcat) return `sh -c ${shellQuote(netcat)}`;
  const script = `if which virt-ssh-helper >/dev/null 2>&1; then virt-ssh-helper ${shellQuote(options.remoteUri)}; else ${netcat}; fi`;
  return `sh -c ${shellQuote(script)}`;
}

function knownHostsVerifier(path: string, host: string, port: number | undefined): (key: Buffer) => boolean {
  const hostPattern = port && port !== DEFAULT_SSH_PORT ? `[${host}]:${port}` : host;
  const keys = readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && f[0].split(",").includes(hostPattern))
    .map((f) => Buffer.from(f[2], "base64"));
  return (key) => keys.some((k) => k.equals(key));
}

export function sshDialer(options: SshDialerOptions): Dialer {
  return () =>
    new Promise((resolve, reject) => {
      const conn = new Client();
      const verifier =
        options.hostKeyVerifier ??
        (options.knownHostsPath && !options.noVerify ? knownHostsVerifier(options.knownHostsPath, options.host, options.port) : undefined);
      const config: ConnectConfig = {
        host: options.host,
        port: options.port ?? DEFAULT_SSH_PORT,
        username: options.username ?? process.env.USER ?? "root",
        password: options.password,
        privateKey: options.privateKey ?? (options.privateKeyPath ? readFileSync(options.privateKeyPath) : undefined),
        passphrase: options.passphrase,
        agent: options.agent ?? (options.password || options.privateKey || options.privateKeyPath ? undefined : process.env.SSH_AUTH_SOCK),
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        hostVerifier: verifier ? (key: Buffer) => verifier(key) : undefined,
      };
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        conn.end();
        reject(new ConnectionClosedError(`ssh to ${options.host}: ${err.message}`, err));
      };
      conn.once("error", fail);
      // RPC calls are small messages, each waited for: sent at once, not held back by Nagle's algorithm (as over TCP).
      conn.once("connect", () => conn.setNoDelay(true));
      conn.once("ready", () => {
        conn.exec(remoteCommand(options), { pty: false }, (err, channel: ClientChannel) => {
          if (err) return fail(err);
          let stderr = "";
          channel.stderr.on("data", (d: Buffer) => {
            stderr += d.toString();
            if (stderr.length > 4096) stderr = stderr.slice(-4096);
          });
          channel.once("close", () => conn.end());
          const described = channel as ClientChannel & TransportCloseDetail;
          described.closeDetail = () => stderr.trim() || undefined;
          settled = true;
          conn.off("error", fail);
          conn.on("error", (e: Error) => channel.emit("error", e));
          resolve(channel);
        });
      });
      conn.connect(config);
    });
}
