import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import WebSocket from "ws";
import { Libvirt } from "../../lib/libvirt";
import { startSshd } from "../helpers/sshd";
import { startTestGuest, waitForBoot, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, baseURL, createUser, signIn, localHostId } from "./fixtures";

let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;
let admin: APIRequestContext;

const cookieOf = async (ctx: APIRequestContext) => (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
const wsUrl = (path: string) => baseURL.replace("http", "ws") + path;

/** Opens a console WebSocket as a browser would; resolves with the socket or the refusal's status. */
function openConsole(path: string, headers: Record<string, string>): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(path), { headers });
    ws.on("open", () => resolve({ ws }));
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on("error", () => undefined);
  });
}

/** The display's first bytes (its RFB banner); the relay's own notices (who has control) are text frames. */
function displayBytes(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      ws.off("message", onMessage);
      resolve(data.toString("latin1"));
    };
    ws.on("message", onMessage);
  });
}

async function ticket(ctx: APIRequestContext, kind: "vnc" | "serial", id = uuid, host = hostId) {
  const res = await ctx.post(`/api/hosts/${host}/guests/${id}/console`, { data: { kind } });
  return { status: res.status(), body: (await res.json()) as { path: string; ticket: string; error?: string } };
}

test.beforeAll(async () => {
  // A boot may take minutes on a busy machine.
  test.setTimeout(240_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "e2e-console" });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  // Let it boot; waitForBoot lets go of the console so the relay can take it.
  expect(await waitForBoot(lv, guest.dom, 180_000)).toBe(true);
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  await lv?.close();
});

test("the serial console relays typing both ways and is audited", async () => {
  const { status, body } = await ticket(admin, "serial");
  expect(status).toBe(200);
  expect(body.path).toBe(`/ws/serial?ticket=${encodeURIComponent(body.ticket)}`);
  const opened = await openConsole(body.path, { Origin: baseURL, Cookie: await cookieOf(admin) });
  if (!("ws" in opened)) throw new Error(`refused with ${opened.status}`);
  const marker = `MARK-${randomBytes(4).toString("hex")}`;
  let output = "";
  opened.ws.on("message", (d: Buffer) => (output += d.toString("latin1")));
  opened.ws.send(Buffer.from(`\recho ${marker.slice(0, 5)}""${marker.slice(5)}\r`));
  // The shell echoes what was typed (with the quotes) and prints the joined marker on its own line.
  await expect.poll(() => output.includes(`\n${marker}`) || output.includes(`\r${marker}`), { timeout: 15_000 }).toBe(true);
  opened.ws.close();
  await expect
    .poll(async () => {
      const audit = (await (await admin.get("/api/admin/audit?action=console.serial")).json()) as {
        rows: { action: string; target: string }[];
      };
      return audit.rows
        .filter((r) => r.target.includes(uuid))
        .map((r) => r.action)
        .sort();
    })
    .toEqual(["console.serial.end", "console.serial.start"]);
});

test("the VNC relay reaches the guest's VNC server", async () => {
  const { body } = await ticket(admin, "vnc");
  const opened = await openConsole(body.path, { Origin: baseURL, Cookie: await cookieOf(admin) });
  if (!("ws" in opened)) throw new Error(`refused with ${opened.status}`);
  const banner = await displayBytes(opened.ws);
  expect(banner).toMatch(/^RFB 003\.00[38]\n/);
  opened.ws.close();
});

test("tickets are single-use, personal, per kind; no session and foreign origins are refused", async () => {
  const cookie = await cookieOf(admin);
  const { body } = await ticket(admin, "vnc");
  // Another kind of console with this ticket: refused, and the ticket is spent.
  expect(await openConsole(`/ws/serial?ticket=${encodeURIComponent(body.ticket)}`, { Origin: baseURL, Cookie: cookie })).toEqual({
    status: 403,
  });
  expect(await openConsole(body.path, { Origin: baseURL, Cookie: cookie })).toEqual({ status: 403 });

  const fresh = (await ticket(admin, "vnc")).body;
  expect(await openConsole(fresh.path, { Origin: baseURL })).toEqual({ status: 401 });
  expect(await openConsole(fresh.path, { Origin: "http://evil.example", Cookie: cookie })).toEqual({ status: 403 });
  const operator = await createUser(admin, "console-op", { role: "operator" });
  const operatorCtx = await apiAs(operator.username, operator.password);
  expect(await openConsole(fresh.path, { Origin: baseURL, Cookie: await cookieOf(operatorCtx) })).toEqual({ status: 403 });
  await operatorCtx.dispose();
  expect(await openConsole("/ws/vnc?ticket=made-up", { Origin: baseURL, Cookie: cookie })).toEqual({ status: 403 });
});

test("helpdesk staff get consoles of the guests granted to them and no other", async () => {
  const other = "00000000-0000-4000-8000-00000000beef";
  const helpdesk = await createUser(admin, "console-hd", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  const ctx = await apiAs(helpdesk.username, helpdesk.password);
  expect((await ticket(ctx, "serial", other)).status).toBe(403);
  const granted = await ticket(ctx, "vnc");
  expect(granted.status).toBe(200);
  const opened = await openConsole(granted.body.path, { Origin: baseURL, Cookie: await cookieOf(ctx) });
  expect("ws" in opened).toBe(true);
  if ("ws" in opened) opened.ws.close();
  await ctx.dispose();
});

test("the VNC console page shows the guest's screen in the browser, and it changes as the guest resets", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("link", { name: "Console", exact: true }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  const canvas = page.getByTestId("vnc-screen").locator("canvas");
  await expect(canvas).toBeVisible();
  /** A fingerprint of what the canvas shows. */
  const pixels = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 16) sum = (sum * 31 + data[i]) >>> 0;
      return `${c.width}x${c.height}:${sum}`;
    });
  const before = await pixels();
  const reset = await admin.post(`/api/hosts/${hostId}/guests/${uuid}/power`, { data: { action: "reset" } });
  expect(reset.status()).toBe(200);
  // The firmware's boot screen replaces what was there.
  await expect.poll(pixels, { timeout: 30_000 }).not.toBe(before);
  await page.getByLabel("Send keys").selectOption("Ctrl+Alt+F2");
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
});

test("consoles of a guest on a remote host work through SSH", async () => {
  const sshd = await startSshd();
  try {
    const fingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
    const added = await admin.post("/api/hosts", {
      data: {
        kind: "ssh",
        name: `remote-console-${sshd.port}`,
        user: sshd.user,
        address: "127.0.0.1",
        port: sshd.port,
        auth: "key",
        privateKey: sshd.clientKey.toString("utf8"),
        hostKeyFingerprint: fingerprint,
      },
    });
    expect(added.status(), await added.text()).toBe(200);
    const { id: remoteId } = (await added.json()) as { id: string };
    const cookie = await cookieOf(admin);

    // VNC: forwarded through SSH to the address QEMU listens on, on that host.
    const vnc = await ticket(admin, "vnc", uuid, remoteId);
    expect(vnc.status, vnc.body.error).toBe(200);
    const display = await openConsole(vnc.body.path, { Origin: baseURL, Cookie: cookie });
    if (!("ws" in display)) throw new Error(`refused with ${display.status}`);
    const banner = await displayBytes(display.ws);
    expect(banner).toMatch(/^RFB 003\.00[38]\n/);
    display.ws.close();

    // Serial: libvirt's console stream over the host's own (SSH) libvirt connection.
    const serial = await ticket(admin, "serial", uuid, remoteId);
    const term = await openConsole(serial.body.path, { Origin: baseURL, Cookie: cookie });
    if (!("ws" in term)) throw new Error(`refused with ${term.status}`);
    const marker = `REMOTE-${randomBytes(4).toString("hex")}`;
    let output = "";
    term.ws.on("message", (d: Buffer) => (output += d.toString("latin1")));
    // The guest may still be booting after the reset above: type again until its shell answers.
    const seen = () => output.includes(`\n${marker}`) || output.includes(`\r${marker}`);
    for (let i = 0; i < 20 && !seen(); i++) {
      term.ws.send(Buffer.from(`\recho ${marker.slice(0, 4)}""${marker.slice(4)}\r`));
      await expect
        .poll(seen, { timeout: 3000 })
        .toBe(true)
        .catch(() => undefined);
    }
    expect(seen()).toBe(true);
    term.ws.close();
    await admin.delete(`/api/hosts/${remoteId}`);
  } finally {
    await sshd.stop();
  }
});
