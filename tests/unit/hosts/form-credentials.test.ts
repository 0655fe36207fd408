// Which secrets a host form stores: empty fields keep the stored ones, and only the secrets the
// chosen kind and sign-in method use survive.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCredentials, storeCredentials } from "@/lib/server/hosts/credentials";
import { connectOptionsWith } from "@/lib/server/hosts/connect-options";
import { credentialsForForm, missingSecrets } from "@/lib/server/hosts/host-form-credentials";
import { hostFormSchema } from "@/lib/validations/hosts";

beforeAll(() => {
  // Before the first env() call in this file: secrets and key in a private directory.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "vc-creds-"));
  process.env.SECRET_KEY_FILE = path.join(process.env.DATA_DIR, "elsewhere", "my.key");
});

const ssh = (extra: object) => hostFormSchema.parse({ kind: "ssh", name: "r", user: "root", address: "h", auth: "key", ...extra });

describe("host form secrets", () => {
  it("seals with the key named by SECRET_KEY_FILE, created on first use", async () => {
    const ref = await storeCredentials({ password: "pw" });
    expect(readFileSync(process.env.SECRET_KEY_FILE!, "utf8").trim()).toHaveLength(44);
    expect(await loadCredentials(ref)).toEqual({ password: "pw" });
    expect(await storeCredentials({ password: "", privateKey: undefined })).toBeNull();
  });

  it("keeps stored secrets for empty fields and drops those the new method does not use", async () => {
    const ref = await storeCredentials({ privateKey: "KEY", passphrase: "pp" });
    expect(await credentialsForForm(ssh({ privateKey: "" }), ref)).toEqual({ privateKey: "KEY", passphrase: "pp" });
    expect(await credentialsForForm(ssh({ privateKey: "NEW" }), ref)).toEqual({ privateKey: "NEW", passphrase: "pp" });
    expect(await credentialsForForm(ssh({ auth: "password", password: "pw" }), ref)).toEqual({ password: "pw" });
    expect(await credentialsForForm(hostFormSchema.parse({ kind: "test", name: "d" }), ref)).toEqual({});
  });

  it("names the secret a new host still needs", async () => {
    expect(missingSecrets(ssh({}), await credentialsForForm(ssh({})))).toEqual({ privateKey: "Paste or upload the private key" });
    const pw = ssh({ auth: "password" });
    expect(missingSecrets(pw, await credentialsForForm(pw))).toEqual({ password: "Enter the password" });
    const tls = hostFormSchema.parse({ kind: "tls", name: "t", address: "h" });
    expect(missingSecrets(tls, await credentialsForForm(tls))).toEqual({});
    const sasl = hostFormSchema.parse({ kind: "tls", name: "t", address: "h", saslUser: "alice" });
    expect(missingSecrets(sasl, await credentialsForForm(sasl))).toEqual({ password: "Enter the SASL password" });
  });

  it("keeps a SASL password only with a SASL user, and maps it to the client's SASL credentials", async () => {
    const ref = await storeCredentials({ password: "pw", tlsCa: "CA" });
    const tls = (extra: object) => hostFormSchema.parse({ kind: "tls", name: "t", address: "h", ...extra });
    expect(await credentialsForForm(tls({ saslUser: "alice" }), ref)).toEqual({
      password: "pw",
      tlsCa: "CA",
      tlsCert: undefined,
      tlsKey: undefined,
    });
    expect(await credentialsForForm(tls({ saslUser: "" }), ref)).toEqual({ tlsCa: "CA", tlsCert: undefined, tlsKey: undefined });
    expect(connectOptionsWith("qemu+tls://alice@h/system", { password: "pw" }, null)).toMatchObject({
      sasl: { username: "alice", password: "pw" },
    });
    expect(connectOptionsWith("qemu+tcp://h/system", { password: "pw" }, null)).toEqual({ sasl: undefined });
  });
});

describe("secrets sealed under a lost key", () => {
  it("count as not stored, so the form asks for them again", async () => {
    const ref = await storeCredentials({ password: "old" });
    writeFileSync(process.env.SECRET_KEY_FILE!, randomBytes(32).toString("base64"));
    await expect(loadCredentials(ref)).rejects.toThrow(/cannot be decrypted/);
    const pw = ssh({ auth: "password" });
    expect(missingSecrets(pw, await credentialsForForm(pw, ref))).toEqual({ password: "Enter the password" });
    expect(await credentialsForForm(ssh({ auth: "password", password: "new" }), ref)).toEqual({ password: "new" });
  });
});
