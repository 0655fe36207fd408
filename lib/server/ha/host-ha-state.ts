import "server-only";
import type { HostHaView } from "@/lib/high-availability/types";
import { db } from "../db";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { haViewOf } from "./ha-state";

/** A host's fencing state for its page (the route checks that the person may see the host). */
export async function hostHaState(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<HostHaView> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { haState: true, haStateSince: true, haDetail: true } });
  if (!host) throw notFound("host");
  return haViewOf(host);
}
