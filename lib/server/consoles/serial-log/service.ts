import "server-only";
import { db } from "../../db";
import { env } from "../../env";
import { hostPool } from "../../hosts/host-pool";
import type { PoolEvent } from "../../hosts/pool";
import { HostSerialLogs, type ReadState } from "./host-logs";
import { fileAccessOf, LocalFiles, SftpFiles } from "./sources";
import { expireLines } from "./store";

const TICK_MS = 500;
const HOSTS_EVERY_MS = 30_000;
const EXPIRE_EVERY_MS = 60 * 60_000;

type Service = {
  hosts: Map<string, { logs: HostSerialLogs; uri: string }>;
  timer?: ReturnType<typeof setInterval>;
  hostsAt: number;
  expiredAt: number;
  onEvent?: (e: PoolEvent) => void;
};

const key = Symbol.for("virt-console.serial-logs");
function service(): Service {
  const holder = globalThis as { [key]?: Service };
  holder[key] ??= { hosts: new Map(), hostsAt: 0, expiredAt: 0 };
  return holder[key];
}

/**
 * Keeps what guests write to their serial consoles, for every host whose files the console can read (this
 * machine, and hosts reached over SSH through SFTP). Each instance reads; the cursor in the database makes
 * sure each line is stored once.
 */
export function startSerialLogs(): void {
  const s = service();
  if (s.timer) return;
  const config = env();
  s.onEvent = (e) => {
    // A guest started or stopped: look at the host's guests now rather than at the next round.
    if (e.type === "libvirt" && e.event.family === "domain" && e.event.procedure === "DOMAIN_EVENT_CALLBACK_LIFECYCLE")
      s.hosts.get(e.hostId)?.logs.discoverSoon();
  };
  hostPool().on("event", s.onEvent);
  s.timer = setInterval(() => {
    const now = Date.now();
    if (now - s.hostsAt > HOSTS_EVERY_MS) {
      s.hostsAt = now;
      void refreshHosts(s, config.SERIAL_LOG_POLL_MS, config.SERIAL_LOG_MAX_LINES).catch((err: Error) =>
        console.error(`serial logs: ${err.message}`),
      );
    }
    if (now - s.expiredAt > EXPIRE_EVERY_MS) {
      s.expiredAt = now;
      void expireLines(config.SERIAL_LOG_DAYS, now).catch((err: Error) => console.error(`serial logs: ${err.message}`));
    }
    for (const { logs } of s.hosts.values()) void logs.tick(now);
  }, TICK_MS);
  s.timer.unref();
}

export function stopSerialLogs(): void {
  const s = service();
  clearInterval(s.timer);
  s.timer = undefined;
  if (s.onEvent) hostPool().off("event", s.onEvent);
  for (const { logs } of s.hosts.values()) logs.close();
  s.hosts.clear();
}

async function refreshHosts(s: Service, pollMs: number, maxLines: number): Promise<void> {
  const hosts = await db().host.findMany({ select: { id: true, name: true, uri: true, credentialsRef: true, sshHostKey: true } });
  const seen = new Set<string>();
  for (const host of hosts) {
    const access = fileAccessOf(host.uri);
    if (!access) continue;
    seen.add(host.id);
    const current = s.hosts.get(host.id);
    if (current?.uri === host.uri) continue;
    current?.logs.close();
    const logs = new HostSerialLogs({
      hostId: host.id,
      connect: () => hostPool().get(host.id),
      files: async () => (access === "local" ? new LocalFiles() : SftpFiles.open(host)),
      pollMs,
      maxLines,
    });
    s.hosts.set(host.id, { logs, uri: host.uri });
  }
  for (const [id, { logs }] of s.hosts)
    if (!seen.has(id)) {
      logs.close();
      s.hosts.delete(id);
    }
}

/** How the reader fares with one guest console's log file on this instance (null: not being read here). */
export function serialLogState(hostId: string, uuid: string, device: string): ReadState | null {
  return service().hosts.get(hostId)?.logs.state(uuid, device) ?? null;
}
