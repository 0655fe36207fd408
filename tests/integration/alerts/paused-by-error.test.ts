// A "paused by an error" alert from a real I/O error: a small guest whose second disk is a sparse 64 MiB file
// on a 2 MiB tmpfs, with error_policy='stop'. Writing to that disk in the guest fills the tmpfs, QEMU stops the
// guest and libvirt reports SUSPENDED with detail IOERROR; the console's event pipeline records it, the rule
// fires naming the cause, and it resolves once the guest is stopped. Mounting the tmpfs needs root.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { until } from "../../helpers/until";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const root = process.getuid?.() === 0;
let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let hostId: string;
let dom: DomainRef | null = null;
let mount = "";
const name = uniqueGuestName("managers-ioerror");
const slowly = { timeoutMs: 90_000, everyMs: 250 };
const events = (kind: string) => db().fleetEvent.findMany({ where: { kind, name } });

beforeAll(async () => {
  if (!root) return;
  mount = mkdtempSync(path.join(tmpdir(), "managers-full-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=2M", "tmpfs", mount]);
  execFileSync("truncate", ["-s", "64M", path.join(mount, "disk.raw")]);
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  hostPool().own(hostId);
  await hostPool().get(hostId);
  lv = await Libvirt.open("qemu:///system");
});

afterAll(async () => {
  if (dom) await lv.domains.destroy(dom).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  if (mount) {
    execFileSync("umount", [mount]);
    rmSync(mount, { recursive: true, force: true });
  }
});

describe.skipIf(!root)("paused-by-error alerts", () => {
  it("fire when a full disk pauses a real guest (IOERROR) and resolve when it stops", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "managers paused guests",
      kind: "event",
      target: "guest.paused",
      scope: "host",
      hostId,
      enabled: true,
      webhookUrl: "",
      webhookSecret: "",
    });
    const disk =
      `<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none' error_policy='stop'/>` +
      `<source file='${path.join(mount, "disk.raw")}'/><target dev='vda' bus='virtio'/></disk>`;
    dom = await lv.domains.createTransient(
      testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv), undefined, { extraDevices: disk }),
    );
    expect(await waitForBoot(lv, dom)).toBe(true);
    // In the background: the guest pauses mid-write, so the shell would never answer.
    await runInGuest(lv, dom, "(dd if=/dev/urandom of=/dev/vda bs=1M count=8; sync) >/dev/null 2>&1 & true");
    await until("the pause is recorded", async () => (await events("guest.paused")).length === 1, slowly);
    expect((await events("guest.paused"))[0]!.message).toBe("a disk error");

    await until("the alert fires", async () => (await evaluateAlerts(db())).fired === 1, slowly);
    const [alert] = (await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId);
    expect(alert!.message).toBe(`${name} was paused by a disk error on local`);

    await lv.domains.destroy(dom);
    dom = null;
    await until("the stop is recorded", async () => (await events("guest.stopped")).length === 1, slowly);
    await until("the alert resolves", async () => (await evaluateAlerts(db())).resolved === 1, slowly);
    expect((await listAlerts(ctxOf(admin))).active.filter((a) => a.ruleId === ruleId)).toEqual([]);
  });
});
