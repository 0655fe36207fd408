import "server-only";
import { DomainState } from "@/lib/libvirt/api/domains";
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
  [DomainState.NOSTATE]: { state: "nostate", prefix: "VIR_DOMAIN_NOSTATE_", values: VirDomainNostateReason },
  [DomainState.RUNNING]: { state: "running", prefix: "VIR_DOMAIN_RUNNING_", values: VirDomainRunningReason },
  [DomainState.BLOCKED]: { state: "blocked", prefix: "VIR_DOMAIN_BLOCKED_", values: VirDomainBlockedReason },
  [DomainState.PAUSED]: { state: "paused", prefix: "VIR_DOMAIN_PAUSED_", values: VirDomainPausedReason },
  [DomainState.SHUTDOWN]: { state: "shutdown", prefix: "VIR_DOMAIN_SHUTDOWN_", values: VirDomainShutdownReason },
  [DomainState.SHUTOFF]: { state: "shutoff", prefix: "VIR_DOMAIN_SHUTOFF_", values: VirDomainShutoffReason },
  [DomainState.CRASHED]: { state: "crashed", prefix: "VIR_DOMAIN_CRASHED_", values: VirDomainCrashedReason },
  [DomainState.PMSUSPENDED]: { state: "pmsuspended", prefix: "VIR_DOMAIN_PMSUSPENDED_", values: VirDomainPMSuspendedReason },
};

// Built once: the inventory describes every guest's state on every refresh.
const reasonWords = new Map(
  Object.entries(reasonTables).map(([state, table]) => [
    Number(state),
    new Map(Object.entries(table.values).map(([name, value]) => [value, name.slice(table.prefix.length).toLowerCase().replace(/_/g, " ")])),
  ]),
);

/** virDomainState + reason numbers → ("shutoff", "destroyed"), the words virsh domstate --reason uses. */
export function describeState(state: number, reason: number): { state: GuestState; reason: string } {
  const known = reasonTables[state] ? state : DomainState.NOSTATE;
  return { state: reasonTables[known].state, reason: reasonWords.get(known)?.get(reason) ?? "unknown" };
}
