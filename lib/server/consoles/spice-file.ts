import "server-only";
import { hostname } from "node:os";
import { parseUri } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import type { GuestRef } from "@/lib/guests/types";
import { db } from "../db";
import { changeGuest } from "../guests/guest-target";
import { ApiError } from "../http/errors";
import { setOneOffSpicePassword } from "./spice-password";
import type { VerbContext } from "../verb-context";

const VALID_SECONDS = 120;

export type SpiceFile = { fileName: string; content: string; reachable: boolean };

const isLoopback = (address: string) => address === "localhost" || address.startsWith("127.") || address === "::1";

/**
 * A virt-viewer connection file for native remote-viewer, with a password that works for two minutes
 * (set live on the display; connected clients keep their session). The address is where the display
 * listens as seen from outside its host; a display bound to loopback cannot be reached from a desk,
 * and the file says so instead of pretending.
 */
export async function spiceFile(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<SpiceFile> {
  return changeGuest(ctx, { action: "console.spice.file", hostId, uuid }, async ({ lv, dom }) => {
    if (!(await lv.domains.isActive(dom))) throw new ApiError(409, { key: "notRunningConsole" });
    const guest = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE));
    const graphics = guest.devices.graphics.find((g) => g.type === "spice");
    if (!graphics?.port || graphics.port < 0) throw new ApiError(409, { key: "noSpicePort" });
    const listen = graphics.listenAddress ?? graphics.listen ?? "127.0.0.1";
    const host = await db().host.findUniqueOrThrow({ where: { id: hostId } });
    const hostAddress = parseUri(host.uri).host ?? hostname();
    const address = listen === "0.0.0.0" || listen === "::" ? hostAddress : listen;
    const password = await setOneOffSpicePassword(lv, dom, graphics, VALID_SECONDS);
    const lines = [
      "[virt-viewer]",
      "type=spice",
      `host=${address}`,
      `port=${graphics.port}`,
      `password=${password}`,
      `title=${guest.name ?? uuid} - %d - press SHIFT+F12 to release the cursor`,
      "delete-this-file=1",
      "toggle-fullscreen=shift+f11",
      "release-cursor=shift+f12",
    ];
    return { fileName: `${guest.name ?? uuid}.vv`, content: `${lines.join("\n")}\n`, reachable: !isLoopback(address) };
  });
}
