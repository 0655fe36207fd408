// Shared by server and browser: what the self-service portal shows a person.
import type { QuotaKind, QuotaLimits, QuotaUse } from "./quota";

/** A quota that binds the person, with what its subject (they, or their whole group) has made. */
export type QuotaView = { id: string; kind: QuotaKind; subject: string; limits: QuotaLimits; used: QuotaUse };

/** A template the person may make guests from: on a host where they may create guests. */
export type PortalTemplate = { hostId: string; hostName: string; uuid: string; name: string; vcpus: number; memoryMiB: number };

export type PortalView = { quotas: QuotaView[]; templates: PortalTemplate[] };

/** Admin → Quotas: each quota with its subject's use (a group's: everyone whose sign-in reported the group). */
export type QuotaRow = QuotaView & { updatedBy: string; updatedAt: string };
