// connectOptionsFor with lib/libvirt against a real sshd on 127.0.0.1 (which reaches the local
// libvirtd): secrets come out of the sealed store, the pinned host key decides, and a changed key is
// refused with a message naming both fingerprints.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { db } from "@/lib/server/db";
import { connectOptionsFor } from "@/lib/server/hosts/connect-options";
import { loadCredentials, storeCredentials } from "@/lib/server/hosts/credentials";
import { newId } from "@/lib/server/ids";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startSshd, type TestSshd } from "../../helpers/sshd";

let tc: TestConsole;
let sshd: TestSshd;
let uri: string;
let fingerprint: string;
const wrong = "SHA256:" + "A".repeat(43);

beforeAll(async () => {
  tc = await startTestConsole();
  sshd = await startSshd();
  uri = `qemu+ssh://${sshd.user}@127.0.0.1:${sshd.port}/system`;
  fingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
});

afterAll(async () => {
  await sshd?.stop();
  await tc.cleanup();
});

const hostWith = async (credentials: Parameters<typeof storeCredentials>[0], sshHostKey: string | null, hostUri = uri) => ({
  name: "remote",
  uri: hostUri,
  credentialsRef: await storeCredentials(credentials),
  sshHostKey,
});

async function hostnameVia(host: Awaited<ReturnType<typeof hostWith>>): Promise<string> {
  const lv = await Libvirt.open(host.uri, { ...(await connectOptionsFor(host)), reconnect: false });
  try {
    return await lv.host.hostname();
  } finally {
    await lv.close();
  }
}

describe("connectOptionsFor", () => {
  it("reaches libvirtd over ssh with the stored key when the presented key is the pinned one", async () => {
    const host = await hostWith({ privateKey: sshd.clientKey.toString("utf8") }, fingerprint);
    const options = await connectOptionsFor(host);
    expect(options.ssh).toMatchObject({ privateKey: sshd.clientKey.toString("utf8"), hostKeyVerifier: expect.any(Function) });
    expect(options.ssh?.hostKeyVerifier?.(sshd.hostKey)).toBe(true);
    expect(await hostnameVia(host)).toBe(execFileSync("hostname", { encoding: "utf8" }).trim());
  });

  it("refuses a host whose key changed, naming both fingerprints and what to do", async () => {
    const host = await hostWith({ privateKey: sshd.clientKey.toString("utf8") }, wrong);
    const err = (await hostnameVia(host).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("HostKeyError");
    expect(err.message).toBe(
      `The SSH host key of 127.0.0.1:${sshd.port} has changed: it presented ${fingerprint}, but ${wrong} was confirmed. Refusing to connect; if the change is expected, an administrator must confirm the new key (Hosts → Edit → Test connection).`,
    );
  });

  it("refuses a host whose key was never confirmed", async () => {
    const host = await hostWith({ privateKey: sshd.clientKey.toString("utf8") }, null);
    await expect(hostnameVia(host)).rejects.toThrow(
      `The SSH host key of 127.0.0.1:${sshd.port} (${fingerprint}) has not been confirmed yet.`,
    );
  });

  it("uses a passphrase-protected key with its passphrase, and reports a wrong passphrase", async () => {
    const keyFile = path.join(sshd.dir, "locked_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "open sesame", "-C", "locked", "-f", keyFile]);
    appendFileSync(path.join(sshd.dir, "authorized_keys"), readFileSync(`${keyFile}.pub`));
    const privateKey = readFileSync(keyFile, "utf8");
    expect(await hostnameVia(await hostWith({ privateKey, passphrase: "open sesame" }, fingerprint))).toBeTruthy();
    await expect(hostnameVia(await hostWith({ privateKey, passphrase: "wrong" }, fingerprint))).rejects.toThrow(
      /passphrase|decrypt|parse/i,
    );
  });

  it("gives TLS hosts their PEM files and local, test and tcp hosts nothing", async () => {
    const tls = {
      tlsCa: "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----",
      tlsCert: "-----BEGIN CERTIFICATE-----\nc\n-----END CERTIFICATE-----",
      tlsKey: "-----BEGIN PRIVATE KEY-----\nk\n-----END PRIVATE KEY-----",
    };
    expect(await connectOptionsFor(await hostWith(tls, null, "qemu+tls://kvm1.example.com/system"))).toEqual({
      tls: { ca: tls.tlsCa, cert: tls.tlsCert, key: tls.tlsKey },
    });
    for (const plain of ["qemu:///system", "test:///default", "qemu+tcp://lab/system"]) {
      expect(await connectOptionsFor({ name: "p", uri: plain, credentialsRef: null, sshHostKey: null })).toEqual({});
    }
  });

  it("keeps secrets out of the database and refuses a sealed file that was changed", async () => {
    const secret = "correct horse battery staple";
    const host = await hostWith({ password: secret }, fingerprint);
    await db().host.create({ data: { id: newId(), ...host } });
    const dbFile = path.join(process.env.DATA_DIR!, "console.db");
    const everything = [dbFile, `${dbFile}-wal`].map((f) => {
      try {
        return readFileSync(f).toString("latin1");
      } catch {
        return "";
      }
    });
    expect(everything.join("")).not.toContain(secret);
    const sealedFile = path.join(process.env.DATA_DIR!, "credentials", `${host.credentialsRef}.sealed`);
    const sealed = readFileSync(sealedFile, "utf8");
    expect(sealed).not.toContain(secret);
    expect(await loadCredentials(host.credentialsRef)).toEqual({ password: secret });
    // Change the ciphertext's first character: authentication fails instead of yielding garbage.
    const parts = sealed.trim().split(".");
    parts[3] = (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1);
    writeFileSync(sealedFile, parts.join("."));
    await expect(connectOptionsFor(host)).rejects.toThrow(
      "stored credentials cannot be decrypted (wrong secret key, or the data was changed)",
    );
  });
});
