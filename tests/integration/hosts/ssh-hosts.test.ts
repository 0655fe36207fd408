// Adding a remote host over SSH to a real sshd on 127.0.0.1: the host key is shown for confirmation,
// pinned when saved, and a different key refuses the connection with a message that says so.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { listGuests } from "@/lib/server/guests/list-guests";
import { addHost } from "@/lib/server/hosts/add-host";
import { disconnectHost } from "@/lib/server/hosts/disconnect-host";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { reconnectHost } from "@/lib/server/hosts/reconnect-host";
import { removeHost } from "@/lib/server/hosts/remove-host";
import { testConnection } from "@/lib/server/hosts/test-connection";
import { updateHost } from "@/lib/server/hosts/update-host";
import type { HostFormInput } from "@/lib/validations/hosts";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startSshd, type TestSshd } from "../../helpers/sshd";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let sshd: TestSshd;
let form: Extract<HostFormInput, { kind: "ssh" }>;
/** What `ssh-keygen -lf` says about the server's key: the fingerprint an administrator compares. */
let expectedFingerprint: string;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  sshd = await startSshd();
  expectedFingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
  form = {
    kind: "ssh",
    name: "remote",
    user: sshd.user,
    address: sshd.host,
    port: sshd.port,
    auth: "key",
    privateKey: sshd.clientKey.toString("utf8"),
  };
});

afterAll(async () => {
  await hostPool().closeAll();
  await sshd?.stop();
  await tc.cleanup();
});

const credentialFiles = () => readdirSync(path.join(process.env.DATA_DIR!, "credentials"));

describe("remote hosts over SSH", () => {
  it("reports the host key for confirmation before connecting", async () => {
    const result = await testConnection(ctxOf(admin), { form });
    expect(result).toMatchObject({
      ok: false,
      needsHostKeyConfirmation: true,
      fingerprint: expectedFingerprint,
      uri: `qemu+ssh://${sshd.user}@127.0.0.1:${sshd.port}/system`,
    });
    expect(result.ok === false && result.message).toMatch(/has not been confirmed/);
  });

  it("connects once the key is confirmed and says what it reached", async () => {
    const result = await testConnection(ctxOf(admin), { form: { ...form, hostKeyFingerprint: expectedFingerprint } });
    expect(result).toMatchObject({ ok: true, hypervisor: expect.stringMatching(/^QEMU \d+\.\d+\.\d+$/), fingerprint: expectedFingerprint });
    expect(result.ok && result.libvirtVersion).toBe(
      execFileSync("virsh", ["version"], { encoding: "utf8" }).match(/Using library: libvirt (\S+)/)![1],
    );
    // Both attempts are audited with the address and outcome, never a secret.
    const rows = await tc.auditRows("host.test");
    expect(rows.map((r) => r.result)).toEqual(["error", "ok"]);
    expect(JSON.parse(rows[1].details)).toMatchObject({ uri: result.uri, fingerprint: expectedFingerprint });
    expect(rows.map((r) => r.details).join("")).not.toContain("PRIVATE KEY");
  });

  it("refuses to save without a confirmed key, then saves with it, keeping the key out of the database", async () => {
    await expect(addHost(ctxOf(admin), form)).rejects.toMatchObject({
      status: 422,
      fields: { hostKeyFingerprint: expect.any(String) },
    });
    const { id } = await addHost(ctxOf(admin), { ...form, hostKeyFingerprint: expectedFingerprint });
    const row = await db().host.findUniqueOrThrow({ where: { id } });
    expect(row.sshHostKey).toBe(expectedFingerprint);
    expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");
    // Sealed on disk, not readable as text.
    const sealed = readFileSync(path.join(process.env.DATA_DIR!, "credentials", `${row.credentialsRef}.sealed`), "utf8");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("PRIVATE KEY");
    // The pool reaches libvirtd through the ssh tunnel with the stored key.
    const list = await listGuests(admin, id);
    expect(list.errors).toEqual([]);
    expect((await tc.auditRows("host.add")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("refuses a changed host key and says so", async () => {
    const row = await db().host.findUniqueOrThrow({ where: { name: "remote" } });
    const wrong = "SHA256:" + "A".repeat(43);
    await db().host.update({ where: { id: row.id }, data: { sshHostKey: wrong } });
    await hostPool().forget(row.id);
    const list = await listGuests(admin, row.id);
    expect(list.errors[0].message).toContain(`has changed: it presented ${expectedFingerprint}, but ${wrong} was confirmed`);
    // An administrator confirms the real key again through the edit form; the stored key stays.
    await updateHost(ctxOf(admin), { hostId: row.id, ...form, privateKey: "", hostKeyFingerprint: expectedFingerprint });
    expect((await listGuests(admin, row.id)).errors).toEqual([]);
  });

  it("disconnects (parked, no retries) and reconnects, each audited", async () => {
    const row = await db().host.findUniqueOrThrow({ where: { name: "remote" } });
    expect(await disconnectHost(ctxOf(admin), { hostId: row.id })).toEqual({ connected: false });
    expect(hostPool().status(row.id)?.state).toBe("disconnected");
    expect(await reconnectHost(ctxOf(admin), { hostId: row.id })).toEqual({ connected: true });
    expect(hostPool().status(row.id)?.state).toBe("connected");
    expect((await tc.auditRows("host.disconnect")).map((r) => [r.target, r.result])).toEqual([["host:remote", "ok"]]);
    expect((await tc.auditRows("host.reconnect")).map((r) => [r.target, r.result])).toEqual([["host:remote", "ok"]]);
  });

  it("removes the host with its stored secrets", async () => {
    const row = await db().host.findUniqueOrThrow({ where: { name: "remote" } });
    expect(credentialFiles()).toEqual([`${row.credentialsRef}.sealed`]);
    await removeHost(ctxOf(admin), { hostId: row.id });
    expect(credentialFiles()).toEqual([]);
    expect(hostPool().status(row.id)).toBeNull();
  });
});
