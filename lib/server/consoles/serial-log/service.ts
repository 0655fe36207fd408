import "server-only";
import { log } from "../../log";
import { hostLeases } from "../../cluster/leases";
import { db } from "../../db";
import { env } from "../../env";
import { hostPool } from "../../hosts/host-pool";
import type { PoolEvent } from "../../hosts/connections";
import { HostSerialLogs, type ReadState } from "./host-logs";
import { fileAccessOf, LocalFiles, SftpFiles } from "./sources";
import { expireLines } from "./store";
import { processSingleton } from "../../process-singleton";

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

function service(): Service {
  return processSingleton("serial-logs", (): Service => ({ hosts: new Map(), hostsAt: 0, expiredAt: 0 }));
}

/** Hosts this instance reads: those it holds the lease of, or all without leases (tests that drive the verbs). */
const holds = (hostId: string) => hostLeases()?.holds(hostId) ?? true;

/**
 * Keeps what guests write to their serial consoles, for every host whose files the console can read (this
 * machine, and hosts reached over SSH through SFTP). The instance holding a host's lease reads its logs
 * (host-work.ts); should two read at once while a lease moves, the cursor in the database makes sure each
 * line is stored once.
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
        log.error(`serial logs: ${err.message}`),
      );
    }
    if (now - s.expiredAt > EXPIRE_EVERY_MS) {
      s.expiredAt = now;
      void expireLines(config.SERIAL_LOG_DAYS, now).catch((err: Error) => log.error(`serial logs: ${err.message}`));
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
    if (!access || !holds(host.id)) continue;
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

/** This instance took a host's lease: its logs are looked at on the next tick rather than the next round. */
export function refreshSerialLogHosts(): void {
  service().hostsAt = 0;
}

/** This instance handed a host over: its logs are not read here any more. */
export function forgetSerialLogHost(hostId: string): void {
  const s = service();
  s.hosts.get(hostId)?.logs.close();
  s.hosts.delete(hostId);
}

/** How the reader fares with one guest console's log file on this instance (null: not being read here). */
export function serialLogState(hostId: string, uuid: string, device: string): ReadState | null {
  return service().hosts.get(hostId)?.logs.state(uuid, device) ?? null;
}
