import { once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { GuestTarget } from "@/lib/server/guests/guest-target";
import { reachDisplay } from "@/lib/server/consoles/reach-display";

// A local host (no SSH): the display is dialled over TCP on loopback, to listeners the test runs.
const host = { id: "h1", name: "here", uri: "qemu:///system", credentialsRef: null, sshHostKey: null };
const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A listener that counts who connected (and notices them leave). */
async function listener() {
  const server = net.createServer();
  servers.push(server);
  const sockets: net.Socket[] = [];
  server.on("connection", (socket) => sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

/** The guest as libvirt answers at the transport boundary: its run (domain id) and its live XML's VNC port. */
function guest(id: number, vncPort: number) {
  const xmlReads: number[] = [];
  const target = {
    hostName: "here",
    dom: { name: "g1", uuid: Buffer.alloc(16), id },
    lv: {
      domains: {
        xml: async () => {
          xmlReads.push(vncPort);
          return `<domain type="kvm"><name>g1</name><devices><graphics type="vnc" port="${vncPort}" listen="127.0.0.1" passwd="fresh"/></devices></domain>`;
        },
      },
    },
  } as unknown as GuestTarget;
  return { target, xmlReads };
}

const remembered = (port: number, domainId: number) => ({
  host: "127.0.0.1",
  port,
  password: "minted",
  domainId,
});

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
};

describe("reaching a guest's display", () => {
  it("dials the address the ticket remembers when the guest is still the same run, without reading its definition", async () => {
    const display = await listener();
    const { target, xmlReads } = guest(7, display.port);
    const reached = await reachDisplay(Promise.resolve(target), host, "vnc", remembered(display.port, 7));
    expect(reached.password).toBe("minted");
    expect(xmlReads).toEqual([]);
    await until(() => display.sockets.length === 1);
    reached.display.stream.destroy();
  });

  it("reads the display afresh when the guest was started again since the ticket (another run), closing the remembered one", async () => {
    const [old, now] = [await listener(), await listener()];
    const { target, xmlReads } = guest(8, now.port);
    const reached = await reachDisplay(Promise.resolve(target), host, "vnc", remembered(old.port, 7));
    expect(reached.password).toBe("fresh");
    expect(xmlReads).toEqual([now.port]);
    await until(() => now.sockets.length === 1 && old.sockets.length === 1 && old.sockets[0].readableEnded);
    reached.display.stream.destroy();
  });

  it("reads the display afresh when the remembered address does not answer", async () => {
    const now = await listener();
    const gone = await listener();
    const closing = servers.pop()!;
    await new Promise((r) => closing.close(r));
    const { target, xmlReads } = guest(7, now.port);
    const reached = await reachDisplay(Promise.resolve(target), host, "vnc", remembered(gone.port, 7));
    expect(reached.password).toBe("fresh");
    expect(xmlReads).toEqual([now.port]);
    reached.display.stream.destroy();
  });

  it("refuses when the guest is gone, and closes what it dialled", async () => {
    const display = await listener();
    await expect(reachDisplay(Promise.reject(new Error("Guest not found")), host, "vnc", remembered(display.port, 7))).rejects.toThrow(
      "Guest not found",
    );
    await until(() => display.sockets.length === 1);
    await until(() => display.sockets[0].readableEnded);
  });

  it("without a remembered display, reads it from the guest's definition", async () => {
    const display = await listener();
    const { target, xmlReads } = guest(7, display.port);
    const reached = await reachDisplay(Promise.resolve(target), host, "vnc", undefined);
    expect(reached.password).toBe("fresh");
    expect(xmlReads).toEqual([display.port]);
    reached.display.stream.destroy();
  });
});
