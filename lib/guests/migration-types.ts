// Shared by server and browser: the migration preflight's findings and a running migration's progress.

import { parseUri } from "@/lib/libvirt/uri";
import type messages from "@/messages/en.json";
import type { HostSummary } from "./types";

export type MigrationProblemKey = keyof (typeof messages)["migrationChecks"];

export type MigrationProblem = {
  /** blocking: the migration is refused while it stands; warning: it may fail, the console cannot tell. */
  severity: "blocking" | "warning";
  /** What it is about: "cpu", "network", "disk", "guest", "host". */
  topic: string;
  /** The problem as a key of messages "migrationChecks" with its names (libvirt's words as `detail`), for pages. */
  key: MigrationProblemKey;
  values: Record<string, string | number>;
  /** The same in English, for logs and refusals. */
  message: string;
};

export type MigrationCheck = {
  problems: MigrationProblem[];
  /** The URI the source host's libvirtd will connect to, so people see what will be used. */
  peerUri: string | null;
  ok: boolean;
};

/** JobView.detail of a guest.migrate job (bytes, bytes/s, milliseconds), from libvirt's job statistics. */
export type MigrationProgress = {
  /** queued: waiting until its hosts are below their cluster's migrations at once. */
  phase: "queued" | "starting" | "copying" | "finishing";
  dataTotal?: number;
  dataProcessed?: number;
  dataRemaining?: number;
  bytesPerSecond?: number;
  expectedDowntimeMs?: number;
  elapsedMs?: number;
};

/** JobView.result of a finished guest.migrate job: where the guest is now. */
export type MigrationResult = { hostId: string; uuid: string; name: string };

/** The hypervisor driver of a host's URI ("qemu" of qemu+ssh://…): a guest only migrates between hosts of one driver. */
function uriDriver(uri: string): string {
  try {
    return parseUri(uri).driver;
  } catch {
    return ""; // stored URIs were validated; an unreadable one matches nothing
  }
}

/** Where a guest on `sourceHostId` may go: other connected hosts of the same driver that `mayManage` allows. */
export function migrationDestinations(hosts: HostSummary[], sourceHostId: string, mayManage: (hostId: string) => boolean): HostSummary[] {
  const source = hosts.find((h) => h.id === sourceHostId);
  return hosts.filter(
    (h) =>
      h.id !== sourceHostId &&
      h.status?.state === "connected" &&
      (!source || uriDriver(h.uri) === uriDriver(source.uri)) &&
      mayManage(h.id),
  );
}
