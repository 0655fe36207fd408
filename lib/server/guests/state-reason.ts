import "server-only";
import {
  VirDomainBlockedReason,
  VirDomainCrashedReason,
  VirDomainNostateReason,
  VirDomainPausedReason,
  VirDomainPMSuspendedReason,
  VirDomainRunningReason,
  VirDomainShutdownReason,
  VirDomainShutoffReason,
} from "@/lib/libvirt/generated/flags";
import type { GuestState } from "@/lib/guests/types";

// Indexed by virDomainState; each table is libvirt's own reason enum for that state.
const reasonTables: Record<number, { state: GuestState; prefix: string; values: Record<string, number> }> = {
  0: { state: "nostate", prefix: "VIR_DOMAIN_NOSTATE_", values: VirDomainNostateReason },
  1: { state: "running", prefix: "VIR_DOMAIN_RUNNING_", values: VirDomainRunningReason },
  2: { state: "blocked", prefix: "VIR_DOMAIN_BLOCKED_", values: VirDomainBlockedReason },
  3: { state: "paused", prefix: "VIR_DOMAIN_PAUSED_", values: VirDomainPausedReason },
  4: { state: "shutdown", prefix: "VIR_DOMAIN_SHUTDOWN_", values: VirDomainShutdownReason },
  5: { state: "shutoff", prefix: "VIR_DOMAIN_SHUTOFF_", values: VirDomainShutoffReason },
  6: { state: "crashed", prefix: "VIR_DOMAIN_CRASHED_", values: VirDomainCrashedReason },
  7: { state: "pmsuspended", prefix: "VIR_DOMAIN_PMSUSPENDED_", values: VirDomainPMSuspendedReason },
};

// Built once: the inventory describes every guest's state on every refresh.
const reasonWords = new Map(
  Object.entries(reasonTables).map(([state, table]) => [
    Number(state),
    new Map(
      Object.entries(table.values)
        .filter(([name]) => !name.endsWith("_LAST"))
        .map(([name, value]) => [value, name.slice(table.prefix.length).toLowerCase().replace(/_/g, " ")]),
    ),
  ]),
);

/** virDomainState + reason numbers → ("shutoff", "destroyed"), the words virsh domstate --reason uses. */
export function describeState(state: number, reason: number): { state: GuestState; reason: string } {
  const known = reasonTables[state] ? state : 0;
  return { state: reasonTables[known].state, reason: reasonWords.get(known)?.get(reason) ?? "unknown" };
}
