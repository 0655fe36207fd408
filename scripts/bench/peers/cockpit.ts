// Cockpit Machines on this machine for bench:peers, started by hand as there is no systemd: a D-Bus system bus,
// libvirt-dbus (as its own user, in the libvirt group) and cockpit-ws on a loopback port without TLS, with a
// throwaway local user who may use sudo (Cockpit reaches libvirt's system connection only with administrative access).
// Everything it adds to the machine is removed by the undo steps it pushes.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";

export const COCKPIT_USER = "peersbench";

export type Cockpit = { base: string; password: string; pgids: number[] };

function startDetached(cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: "ignore", detached: true });
  child.unref();
  return child;
}

const stopGroup = (pgid: number) => {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    // already gone
  }
};

async function waitFor(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start`);
}

export async function startCockpit(
  port: number,
  undo: (step: () => unknown) => void,
  options: { dbusLimits?: "debian" | "raised" } = {},
): Promise<Cockpit> {
  const installed = execFileSync("bash", ["scripts/bench/peers/install-cockpit.sh"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split(" ")
    .filter(Boolean);
  // Pushed first, so it runs last: the packages go once every process using them has stopped.
  if (installed.length)
    undo(() =>
      execFileSync("apt-get", ["purge", "-y", "-qq", "--auto-remove", ...installed], {
        stdio: ["ignore", "ignore", "inherit"],
        // sudo refuses to go without this when root has no password.
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive", SUDO_FORCE_REMOVE: "yes" },
      }),
    );
  const pgids: number[] = [];

  if (!existsSync("/run/dbus/system_bus_socket")) {
    execFileSync("mkdir", ["-p", "/run/dbus"]);
    // Debian's system bus lets one connection wait for at most 128 replies. Cockpit's bridge asks libvirt-dbus for
    // every guest, pool and device at once and passes that with a few hundred guests: its list then fails ("Failed to
    // fetch some resources"; "The maximum number of pending replies per connection has been reached", as reported in
    // cockpit-project/cockpit-machines#1351). Raised here, as Cockpit's people advise, so that the bench measures its
    // list rather than that limit; `dbusLimits: "debian"` keeps Debian's.
    const config = path.join(mkdtempSync(path.join(os.tmpdir(), "peers-dbus-")), "system.conf");
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><include>/usr/share/dbus-1/system.conf</include>${options.dbusLimits === "debian" ? "" : '<limit name="max_replies_per_connection">65536</limit>'}</busconfig>\n`,
    );
    const bus = startDetached("dbus-daemon", [`--config-file=${config}`, "--nofork", "--nopidfile"]);
    pgids.push(bus.pid!);
    undo(() => {
      stopGroup(bus.pid!);
      rmSync("/run/dbus/system_bus_socket", { force: true });
      rmSync(path.dirname(config), { recursive: true, force: true });
    });
    await waitFor("the D-Bus system bus", () => existsSync("/run/dbus/system_bus_socket"));
  }

  // Owned by a running process (a pid in the list), not merely activatable: activation would start it without the libvirt group.
  const owned = () => /^org\.libvirt\s+\d+/m.test(execFileSync("busctl", ["--system", "list", "--no-legend"], { encoding: "utf8" }));
  if (!owned()) {
    const lvdbus = startDetached("setpriv", [
      "--reuid",
      "libvirtdbus",
      "--regid",
      "libvirtdbus",
      "--groups",
      "libvirt",
      "/usr/sbin/libvirt-dbus",
      "--system",
    ]);
    pgids.push(lvdbus.pid!);
    undo(() => stopGroup(lvdbus.pid!));
    await waitFor("libvirt-dbus", owned);
  }

  const password = randomBytes(12).toString("base64url");
  try {
    execFileSync("id", [COCKPIT_USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["-m", "-s", "/bin/bash", "-G", "libvirt", COCKPIT_USER]);
    undo(() => execFileSync("userdel", ["-r", "-f", COCKPIT_USER], { stdio: "ignore" }));
  }
  execFileSync("chpasswd", { input: `${COCKPIT_USER}:${password}\n` });
  const sudoers = `/etc/sudoers.d/zz-${COCKPIT_USER}`;
  writeFileSync(sudoers, `${COCKPIT_USER} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
  undo(() => rmSync(sudoers, { force: true }));

  const ws = startDetached("/usr/lib/cockpit/cockpit-ws", ["--no-tls", "--port", String(port), "--address", "127.0.0.1"]);
  pgids.push(ws.pid!);
  undo(() => {
    // The user's bridges run under sudo and cockpit-session, outside the group: end them by user.
    stopGroup(ws.pid!);
    try {
      execFileSync("pkill", ["-u", COCKPIT_USER], { stdio: "ignore" });
    } catch {
      // none left
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor("cockpit-ws", () =>
    fetch(`${base}/`).then(
      (r) => r.ok,
      () => false,
    ),
  );
  return { base, password, pgids };
}

/** Signs in and takes administrative access once; the session (cookie and bridges) then serves every page of the context. */
export async function cockpitSignIn(page: Page, cockpit: Cockpit): Promise<void> {
  await page.goto(`${cockpit.base}/machines`);
  await page.fill("#login-user-input", COCKPIT_USER);
  await page.fill("#login-password-input", cockpit.password);
  await page.click("#login-button");
  // A second sign-in of the same user may find administrative access kept from the first.
  const limited = page.getByRole("button", { name: "Limited access" });
  const admin = page.getByRole("button", { name: "Administrative access" });
  await limited.or(admin).first().waitFor({ timeout: 30_000 });
  if (await admin.isVisible()) return;
  await limited.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("You now have administrative access").waitFor({ timeout: 30_000 });
  await dialog.getByRole("button", { name: "Close", exact: true }).and(dialog.getByText("Close")).click();
  // No KVM on a bench machine is no reason to hide the list.
  await page.evaluate(() => localStorage.setItem("virtualization-disabled-ignored", "true"));
}

/**
 * The machines page, signed in again when Cockpit ended the session: cockpit-ws ends one soon after its last page
 * closed, which happens when the bench leaves Cockpit's tab blank while it measures the other console.
 */
export async function openMachines(page: Page, cockpit: Cockpit) {
  await page.goto(`${cockpit.base}/machines`);
  const login = page.locator("#login-user-input");
  const frame = machinesFrame(page);
  frame.catch(() => undefined); // raced with the login form; awaited below when it is not shown
  if (
    await Promise.race([
      frame.then(() => false),
      login.waitFor({ timeout: 30_000 }).then(
        () => true,
        () => false,
      ),
    ])
  )
    await cockpitSignIn(page, cockpit);
  return machinesFrame(page);
}

/** The machines page's frame (Cockpit's shell shows each tool in an iframe). */
export async function machinesFrame(page: Page) {
  for (let i = 0; i < 600; i++) {
    const frame = page.frames().find((f) => f.url().includes("/machines/index.html"));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error("Cockpit's machines page did not load");
}
