import "server-only";
import { z } from "zod";
import { consoleKinds, type ConsoleKind } from "@/lib/consoles/types";
import { askPeer } from "../cluster/ask-peer";
import { instanceId, liveInstances } from "../cluster/instance";
import { consoleTickets, type ConsoleTarget } from "./tickets";

export const ticketRedeemSchema = z.object({
  ticket: z.string().min(1).max(200),
  userId: z.string().min(1),
  kind: z.enum(consoleKinds),
});

const answerSchema = z.object({
  target: z
    .object({
      hostId: z.string(),
      uuid: z.string(),
      kind: z.enum(consoleKinds),
      device: z.string().optional(),
      force: z.boolean().optional(),
    })
    .nullable(),
});

/**
 * Redeems a console ticket minted on any instance: a load balancer may send the page's ticket request to one
 * instance and its WebSocket to another. Tickets are kept in the memory of the instance that minted them, so
 * one this instance does not know is asked of the others (signed calls); the one holding it redeems it
 * under the same rules as here (single use, this person, this kind, 30 s).
 */
export async function redeemTicketAnywhere(ticket: string, userId: string, kind: ConsoleKind): Promise<ConsoleTarget | null> {
  const here = consoleTickets().redeem(ticket, userId, kind);
  if (here) return here;
  const others = (await liveInstances()).filter((i) => i.id !== instanceId() && i.address);
  const answers = await Promise.all(
    others.map((i) =>
      askPeer(i.address, "/internal/console-tickets/redeem", answerSchema, { body: { ticket, userId, kind }, timeoutMs: 2_000 }).then(
        (a) => a.target,
        () => null,
      ),
    ),
  );
  return answers.find((t) => t !== null) ?? null;
}
