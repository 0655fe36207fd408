import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import { notFound } from "../../http/errors";
import type { VerbContext } from "../../verb-context";
import { requireHardwareView } from "../hardware/access";
import { readSnapshotScreenshot } from "./snapshot-screens";

/** The guest's screen when the snapshot was taken (only snapshots of a running guest have one), for those who may inspect the guest. */
export async function snapshotScreenshot({ actor }: VerbContext, { hostId, uuid, name }: GuestRef & { name: string }): Promise<Buffer> {
  requireHardwareView(actor.grants, hostId, uuid);
  const png = await readSnapshotScreenshot(hostId, uuid, name);
  if (!png) throw notFound("screenshot");
  return png;
}
