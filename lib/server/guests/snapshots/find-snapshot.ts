import "server-only";
import type { SnapshotView } from "@/lib/snapshots/model";
import { notFound } from "../../http/errors";
import type { GuestTarget } from "../guest-target";
import { readSnapshots } from "./snapshot-facts";

/** The named snapshot as the list shows it, or a 404. */
export async function findSnapshot(target: GuestTarget, hostId: string, uuid: string, name: string): Promise<SnapshotView> {
  const snapshot = (await readSnapshots(target.lv, target.dom, hostId, uuid)).find((s) => s.name === name);
  if (!snapshot) throw notFound("snapshot");
  return snapshot;
}
