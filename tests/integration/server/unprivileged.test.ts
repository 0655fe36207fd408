// The console as it runs after `npm start`: setup as root, the server itself as its own system user (group
// libvirt), over HTTPS. It still does its work: a lifecycle action, a console, an upload.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Libvirt } from "@/lib/libvirt";
import { startConsoleServer, type ConsoleServer } from "../../helpers/console-server";
import { startTestGuest, waitForBoot, type RunningTestGuest } from "../../helpers/test-guest";

const USER = "virt-console";
let server: ConsoleServer;
let lv: Libvirt;
let guest: RunningTestGuest;
let cookie: string;
let hostId: string;
let uuid: string;

beforeAll(async () => {
  // scripts/setup-host.sh made the user and gave the libvirt group the local socket.
  execFileSync("id", [USER]);
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "unpriv" });
  // Watched from the start: the guest's ready line passes only once, and a later look would miss it.
  const booted = waitForBoot(lv, guest.dom, 240_000);
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  server = await startConsoleServer({ user: USER });
  cookie = await server.signIn("admin", "integration-admin-1");
  const hosts = JSON.parse((await server.request("GET", "/api/hosts", { cookie })).body.toString()) as {
    hosts: { id: string; name: string }[];
  };
  hostId = hosts.hosts.find((h) => h.name === "localhost")!.id;
  expect(await booted).toBe(true);
}, 360_000);

afterAll(async () => {
  await server?.stop();
  await guest?.cleanup();
  await lv?.close();
});

describe("the console as its own unprivileged user", () => {
  it("runs as that user, not root, and keeps its data directory to itself", () => {
    const listener = execFileSync("ss", ["-Hltnp", `sport = :${new URL(server.origin).port}`], { encoding: "utf8" });
    const pid = /pid=(\d+)/.exec(listener)![1];
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1];
    expect(uid).toBe(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    expect(execFileSync("stat", ["-c", "%U %a", `${server.dataDir}/console.db`], { encoding: "utf8" }).trim()).toBe(`${USER} 600`);
  });

  it("pauses and resumes a guest through libvirt's socket", async () => {
    const power = (action: string) => server.request("POST", `/api/hosts/${hostId}/guests/${uuid}/power`, { cookie, json: { action } });
    expect((await power("pause")).status).toBe(200);
    await expect.poll(async () => (await lv.domains.list()).find((d) => d.uuid === uuid)?.stateName).toBe("paused");
    expect((await power("resume")).status).toBe(200);
    await expect.poll(async () => (await lv.domains.list()).find((d) => d.uuid === uuid)?.stateName).toBe("running");
  });

  it("says QEMU's log is root's to read, rather than that there is none", async () => {
    const res = await server.request("GET", `/api/hosts/${hostId}/guests/${uuid}/trouble`, { cookie });
    expect(res.status).toBe(200);
    const trouble = JSON.parse(res.body.toString()) as { log: { unavailable?: string } };
    expect(trouble.log.unavailable).toBe("logRootOnly");
  });

  it("opens the guest's serial console", async () => {
    const ticket = JSON.parse(
      (await server.request("POST", `/api/hosts/${hostId}/guests/${uuid}/console`, { cookie, json: { kind: "serial" } })).body.toString(),
    ) as {
      path: string;
    };
    const ws = new WebSocket(server.origin.replace("https", "wss") + ticket.path, {
      headers: { Origin: server.origin, Cookie: cookie },
      ca: server.ca,
    });
    let output = "";
    ws.on("message", (d: Buffer) => (output += d.toString("latin1")));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const marker = `UNPRIV-${randomBytes(3).toString("hex")}`;
    ws.send(Buffer.from(`\recho ${marker.slice(0, 4)}""${marker.slice(4)}\r`));
    await expect.poll(() => output.includes(marker), { timeout: 30_000 }).toBe(true);
    ws.close();
  }, 240_000);

  it("uploads a volume through libvirt's volume stream, and the host stores exactly that", async () => {
    const content = randomBytes(1024 * 1024);
    const name = `unpriv-${randomBytes(3).toString("hex")}.img`;
    const put = await server.request(
      "PUT",
      `/api/hosts/${hostId}/pools/default/volumes/${name}/upload?create=1&sizeBytes=${content.length}`,
      {
        cookie,
        body: content,
      },
    );
    expect(put.status, put.body.toString()).toBe(200);
    expect(JSON.parse(put.body.toString()).sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect((await server.request("DELETE", `/api/hosts/${hostId}/pools/default/volumes/${name}`, { cookie, json: {} })).status).toBe(200);
  });
});
