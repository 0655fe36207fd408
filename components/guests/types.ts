// Response shapes of the guest endpoints that lib/guests/types.ts does not name (browser side only).
import type { GuestRow } from "@/lib/guests/types";

export type GuestDetailResponse = { guest: GuestRow; xml: string };

export type DeletePlan = {
  volumes: { target: string; path: string; pool: string | null; deletable: boolean }[];
  snapshots: number;
  nvram: string | null;
};

export type DeleteResult = { ok: true; removed: string[] };
