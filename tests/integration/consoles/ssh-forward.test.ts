// Displays of hosts reached over SSH go through one shared SSH connection per host: two consoles (here two
// forwarded streams to a TCP echo server standing in for QEMU's display) are two channels on one
// connection to a real sshd, the pinned host key is still checked, and removing the host closes the connection.
import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { forwardOverSsh } from "@/lib/server/consoles/ssh-forward";
import { db } from "@/lib/server/db";
import { addHost } from "@/lib/server/hosts/add-host";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { removeHost } from "@/lib/server/hosts/remove-host";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startSshd, type TestSshd } from "../../helpers/sshd";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let sshd: TestSshd;
let echo: net.Server;
let echoPort: number;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  sshd = await startSshd();
  echo = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  echoPort = (echo.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await hostPool().closeAll();
  await new Promise((resolve) => echo.close(resolve));
  await sshd?.stop();
  await tc.cleanup();
});

/** This process's open TCP connections to the test sshd: one per SSH session. */
const sshSessions = (): number =>
  execFileSync("ss", ["-Htn", "state", "established", `( dport = :${sshd.port} )`], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.trim()).length;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Writes `text` and reads it back through the stream. */
function roundTrip(stream: Duplex, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const onData = (d: Buffer): void => {
      got += d.toString();
      if (got.length >= text.length) {
        stream.off("data", onData);
        resolve(got);
      }
    };
    stream.on("data", onData);
    stream.once("error", reject);
    stream.write(text);
  });
}

describe("displays over SSH", () => {
  it("shares one SSH connection between consoles, checks the host key, and closes it when the host is removed", async () => {
    const fingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
    const { id } = await addHost(ctxOf(admin), {
      kind: "ssh",
      name: "console-speed-remote",
      user: sshd.user,
      address: sshd.host,
      port: sshd.port,
      auth: "key",
      privateKey: sshd.clientKey.toString("utf8"),
      hostKeyFingerprint: fingerprint,
    });
    const host = await db().host.findUniqueOrThrow({ where: { id } });
    const target = { host: "127.0.0.1", port: echoPort };

    const first = await forwardOverSsh(host, target);
    const second = await forwardOverSsh(host, target);
    expect(await roundTrip(first, "first console")).toBe("first console");
    expect(await roundTrip(second, "second console")).toBe("second console");
    expect(sshSessions()).toBe(1);

    // A host row pinning another key gets its own connection attempt, which the key check refuses.
    await expect(forwardOverSsh({ ...host, id: "console-speed-other", sshHostKey: "SHA256:not-this-one" }, target)).rejects.toThrow(
      /cannot reach the display/,
    );
    expect(sshSessions()).toBe(1);

    const closed = Promise.all([first, second].map((s) => new Promise((resolve) => s.once("close", resolve))));
    await removeHost(ctxOf(admin), { hostId: id });
    await closed;
    await waitFor(() => sshSessions() === 0, "the SSH connection to close");
    expect(sshSessions()).toBe(0);
  }, 120_000);
});
