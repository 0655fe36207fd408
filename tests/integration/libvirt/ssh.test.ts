import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionClosedError, Libvirt, sshDialer } from "../../../lib/libvirt";
import { startSshd, type TestSshd } from "../../helpers/sshd";
import { lines, virsh } from "./virsh";

describe("ssh transport against a real sshd on 127.0.0.1", () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it("connects with a URI (keyfile + known_hosts) through virt-ssh-helper and lists like virsh", async () => {
    const lv = await Libvirt.open(
      `qemu+ssh://${sshd.user}@127.0.0.1:${sshd.port}/system?keyfile=${sshd.clientKeyPath}&known_hosts=${sshd.knownHostsPath}`,
    );
    try {
      expect((await lv.domains.list()).map((d) => d.name).sort()).toEqual(lines(virsh("list", "--all", "--name")));
      expect(await lv.host.hostname()).toBe(virsh("hostname").trim());
      const shots = await Promise.all(Array.from({ length: 20 }, () => lv.host.versions()));
      expect(shots.every((v) => v.libVersion === 9000000n)).toBe(true);
    } finally {
      await lv.close();
    }
  });

  it("lists the remote daemon's guests through the nc -U fallback after checking the pinned host key", async () => {
    const seen: Buffer[] = [];
    const lv = await Libvirt.open("test:///default", {
      dialer: sshDialer({
        host: "127.0.0.1",
        port: sshd.port,
        username: sshd.user,
        privateKey: sshd.clientKey,
        remoteUri: "test:///default",
        remoteSocket: "/run/libvirt/libvirt-sock",
        hostKeyVerifier: (key) => (seen.push(key), key.equals(sshd.hostKey)),
      }),
    });
    try {
      expect(seen[0].equals(sshd.hostKey)).toBe(true);
      expect((await lv.domains.list()).map((d) => d.name)).toContain("test");
    } finally {
      await lv.close();
    }
  });

  it("refuses a host key that does not match the pin", async () => {
    const err = await Libvirt.open("qemu:///system", {
      dialer: sshDialer({
        host: "127.0.0.1",
        port: sshd.port,
        username: sshd.user,
        privateKey: sshd.clientKey,
        remoteUri: "qemu:///system",
        hostKeyVerifier: () => false,
      }),
      reconnect: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionClosedError);
  });

  it("surfaces the remote command's stderr as the error message", async () => {
    const err = await Libvirt.open("qemu:///system", {
      dialer: sshDialer({
        host: "127.0.0.1",
        port: sshd.port,
        username: sshd.user,
        privateKey: sshd.clientKey,
        remoteUri: "qemu:///system",
        remoteSocket: "/nonexistent/libvirt-sock",
      }),
      reconnect: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionClosedError);
    expect((err as Error).message).toMatch(/nc: .*nonexistent.*No such file/);
  });
});
