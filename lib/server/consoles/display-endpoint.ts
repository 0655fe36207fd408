import "server-only";
import { connect } from "node:net";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import type { GuestTarget } from "../guests/guest-target";
import { englishError, type ErrorKey } from "../http/errors";
import { reusedBufferSide, type GuestSide } from "./guest-chunks";
import { setOneOffSpicePassword, spicePasswordExpired } from "./spice-password";

/** Why a guest's display cannot be reached, said by key (messages "apiErrors") for the person who opens it. */
export class ConsoleUnavailableError extends Error {
  override name = "ConsoleUnavailableError";
  constructor(readonly said: { key: ErrorKey; values: { display: string } }) {
    super(englishError(said));
  }
}

export type DisplayEndpoint = { host: string; port: number; password: string | null };

const typeName = { vnc: "VNC", spice: "SPICE" } as const;

/** Where the guest's VNC or SPICE server listens on its host, from its live XML (ports are only known while it runs). */
export async function displayEndpoint({ lv, dom }: GuestTarget, type: "vnc" | "spice"): Promise<DisplayEndpoint> {
  // SECURE includes the display password. It stays on the server: the relay answers the display's
  // authentication itself, so the password never reaches a browser.
  const graphics = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE)).devices.graphics.find(
    (g) => g.type === type,
  );
  const name = typeName[type];
  const display = { display: name };
  if (!graphics) throw new ConsoleUnavailableError({ key: "noDisplay", values: display });
  if (graphics.listenType === "socket") throw new ConsoleUnavailableError({ key: "displayOnSocket", values: display });
  if (!graphics.port || graphics.port < 0) throw new ConsoleUnavailableError({ key: "displayNoPlainPort", values: display });
  const listen = graphics.listenAddress ?? graphics.listen ?? "127.0.0.1";
  // A wildcard listen is reachable on loopback; anything else is dialled as configured.
  const host = listen === "0.0.0.0" || listen === "::" ? "127.0.0.1" : listen;
  // A .vv file's one-off password may have run out; SPICE would then refuse the relay too.
  const password =
    type === "spice" && spicePasswordExpired(graphics) ? await setOneOffSpicePassword(lv, dom, graphics, 60) : (graphics.passwd ?? null);
  return { host, port: graphics.port, password };
}

/** A direct TCP connection, for displays on this machine, read through reused buffers. */
export function connectLocal(endpoint: { host: string; port: number }): GuestSide {
  return reusedBufferSide((onread) => connect({ port: endpoint.port, host: endpoint.host, noDelay: true, onread }));
}
