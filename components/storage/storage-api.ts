// Paths and calls of the storage API, shared by the storage components.
import { api } from "@/lib/client/api";
import type { JobView } from "@/lib/jobs/types";
import type { PoolDetail, PoolRow } from "@/lib/storage/types";

const enc = encodeURIComponent;
export const poolsPath = (hostId: string) => `/api/hosts/${enc(hostId)}/pools`;
export const poolPath = (hostId: string, pool: string) => `${poolsPath(hostId)}/${enc(pool)}`;
export const volumePath = (hostId: string, pool: string, volume: string) => `${poolPath(hostId, pool)}/volumes/${enc(volume)}`;
export const poolPagePath = (hostId: string, pool: string) => `/storage/${enc(hostId)}/${enc(pool)}`;

export const fetchPools = (hostId: string) => api<{ pools: PoolRow[] }>(poolsPath(hostId)).then((r) => r.pools);
export const fetchPool = (hostId: string, pool: string) => api<PoolDetail>(poolPath(hostId, pool));
export const startJob = (path: string, body: unknown) => api<JobView>(path, { body });

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** "20" (GiB, decimals allowed) → bytes, whole MiB; NaN stays NaN for the schema to refuse. */
export const gibToBytes = (text: string) => Math.round((Number(text) * GiB) / MiB) * MiB;
export const bytesToGib = (bytes: number) => String(Math.round((bytes / GiB) * 100) / 100);
