import "server-only";
import { parseUri } from "@/lib/libvirt";
import type { GuestTarget } from "../guests/guest-target";
import { consoleError } from "./console-error";
import { connectLocal, displayEndpoint, type DisplayEndpoint } from "./display-endpoint";
import { streamSide, type GuestSide } from "./guest-chunks";
import { forwardOverSsh } from "./ssh-forward";
import type { SshHost } from "../hosts/ssh-clients";
import type { RememberedDisplay } from "./tickets";

/** A connection to the guest's display, not yet spoken to, and the password its handshake answers with. */
export type ReachedDisplay = { display: GuestSide; password: string | null };

/**
 * The guest's VNC or SPICE display. With what the ticket remembers, the display is dialled at once while the
 * guest is looked up; it is used only if the guest is still the run the ticket was minted for (libvirt's
 * domain id, new at every start) and the connection is up. Otherwise, and without a remembered display, the
 * guest's live definition is read afresh and dialled. Nothing is sent to or read from the display here.
 */
export async function reachDisplay(
  guest: Promise<GuestTarget>,
  host: SshHost,
  kind: "vnc" | "spice",
  remembered: RememberedDisplay | undefined,
): Promise<ReachedDisplay> {
  const early = remembered ? dial(host, remembered).catch(() => null) : null;
  const found = await guest.catch(async (err: unknown) => {
    (await early)?.stream.destroy();
    throw err;
  });
  if (remembered && early) {
    const display = await early;
    const sameRun = found.dom.id === remembered.domainId;
    if (display && sameRun && !display.stream.readableEnded && !display.stream.destroyed) return { display, password: remembered.password };
    display?.stream.destroy();
  }
  const endpoint = await displayEndpoint(found, kind);
  return { display: await dial(host, endpoint), password: endpoint.password };
}

/**
 * Local displays directly; remote ones through SSH to the host, then to the address QEMU listens on there.
 * Resolves once connected. An error while the guest is still being checked destroys the stream (which is then
 * not used); the handshake and the pump listen for errors of their own.
 */
async function dial(host: SshHost, endpoint: Pick<DisplayEndpoint, "host" | "port">): Promise<GuestSide> {
  const side = parseUri(host.uri).host ? streamSide(await forwardOverSsh(host, endpoint)) : await connected(endpoint);
  side.stream.on("error", () => undefined);
  return side;
}

async function connected(endpoint: Pick<DisplayEndpoint, "host" | "port">): Promise<GuestSide> {
  const side = connectLocal(endpoint);
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error) =>
      reject(consoleError("cannotReach", { address: `${endpoint.host}:${endpoint.port}`, detail: err.message }));
    side.stream.once("error", failed).once("connect", () => {
      side.stream.off("error", failed);
      resolve();
    });
  });
  return side;
}
