// Response shapes of the guest endpoints that lib/guests/types.ts does not name (browser side only).
import type { GuestRow } from "@/lib/guests/types";

/** xml is null for people who may run the guest but not inspect it (helpdesk). */
export type GuestDetailResponse = { guest: GuestRow; xml: string | null };

export type DeletePlan = {
  volumes: { target: string; path: string; pool: string | null; deletable: boolean; reason?: string }[];
  snapshots: number;
  nvram: string | null;
  /** A transient guest has no definition to remove; it goes away when forced off. */
  persistent?: boolean;
};

export type DeleteResult = { ok: true; removed: string[] };
