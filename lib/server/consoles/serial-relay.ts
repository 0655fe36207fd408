import "server-only";
import type { WebSocket } from "ws";
import { VirDomainConsoleFlags } from "@/lib/libvirt/generated/flags";
import type { GuestTarget } from "../guests/guest-target";
import type { EarlyMessages } from "./early-messages";
import { streamSide } from "./guest-chunks";
import { pump, type Traffic } from "./pump";
import type { ConsoleTarget } from "./tickets";

// FORCE takes the console from another session, SAFE refuses if one holds it.
const { VIR_DOMAIN_CONSOLE_FORCE, VIR_DOMAIN_CONSOLE_SAFE } = VirDomainConsoleFlags;

/**
 * The guest's serial console over libvirt's console stream (so it works the same for remote hosts,
 * and the host needs no PTY access): bytes both ways, binary frames.
 */
export async function relaySerial(ws: WebSocket, { lv, dom }: GuestTarget, target: ConsoleTarget, early: EarlyMessages): Promise<Traffic> {
  const stream = await lv.domains.openConsole(dom, {
    device: target.device,
    flags: target.force ? VIR_DOMAIN_CONSOLE_FORCE : VIR_DOMAIN_CONSOLE_SAFE,
  });
  return pump(ws, streamSide(stream), early, { ended: { key: "serialClosed" } });
}
