// Highly available guests (issue 30): what the server tells pages about a host's power management and fencing.
import type { PlacementReason } from "@/lib/host-clusters/placement";
import type { PowerState } from "./ipmi";

/**
 * A host's fencing state: null while nothing is wrong; "unresponsive" once its connection is lost for longer than
 * the cluster's grace time (a fence job is deciding); "needsConfirmation" when the console cannot know it is down
 * (no power management, automatic fencing off, or the controller not answering) and waits for an admin; "down"
 * when fenced or confirmed down (its highly available guests were restarted elsewhere).
 */
export const hostHaStates = ["unresponsive", "needsConfirmation", "down"] as const;
export type HostHaState = (typeof hostHaStates)[number];
export const isHostHaState = (value: string | null): value is HostHaState => (hostHaStates as readonly (string | null)[]).includes(value);

/** Why a host needs confirmation. */
export const confirmationReasons = ["noPowerManagement", "fenceOff", "bmcUnanswered", "bmcNotOff"] as const;
export type ConfirmationReason = (typeof confirmationReasons)[number];

/** A highly available guest the console could not restart, and why: libvirt's text, or placement's words by key (pages say them). */
export type HaRestartProblem = { name: string; why: string | PlacementReason };

/** Stored with the state (Host.haDetail). */
export type HostHaDetail = {
  reason?: ConfirmationReason;
  /** The controller's own message when it did not answer. */
  message?: string;
  /** How the host was known down: the controller reported it off, or an admin said so. */
  downBy?: "fenced" | "confirmed";
  confirmedBy?: string;
  restarted?: { name: string; to: string }[];
  notRestarted?: HaRestartProblem[];
};

export type HostHaView = { state: HostHaState | null; since: number | null; detail: HostHaDetail };

/** A host's power management as pages see it: never the password, only whether one is stored. */
export type PowerManagementView = {
  address: string | null;
  port: number;
  user: string | null;
  passwordSet: boolean;
};

export type PowerTestResult = { ok: true; power: PowerState } | { ok: false; message: string };
