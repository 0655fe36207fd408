// TLS and SASL against a real libvirtd: the test peer (scripts/test-peer/peer-daemon.sh) also listens
// on TLS with auth_tls = "sasl", certificates from a throw-away CA and a SCRAM-SHA-256 user in its
// own SASL database. The client verifies the daemon's certificate, shows its own, and proves the
// password without sending it; wrong passwords, foreign certificates and missing credentials fail
// with typed errors.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, Libvirt } from "@/lib/libvirt";
import { connectOptionsWith } from "@/lib/server/hosts/connect-options";
import {
  PEER_PKI_DIR,
  PEER_SASL_PASSWORD,
  PEER_SASL_USER,
  PEER_TLS_URI,
  startPeerDaemon,
  type PeerDaemon,
} from "../../helpers/peer-daemon";

let peer: PeerDaemon;
let foreignPki: string;
const pem = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
const ours = () => ({
  ca: pem(PEER_PKI_DIR, "cacert.pem"),
  cert: pem(PEER_PKI_DIR, "clientcert.pem"),
  key: pem(PEER_PKI_DIR, "clientkey.pem"),
});
const userUri = (user: string) => PEER_TLS_URI.replace("qemu+tls://", `qemu+tls://${user}@`);

beforeAll(async () => {
  peer = await startPeerDaemon();
  foreignPki = mkdtempSync(path.join(tmpdir(), "vc-foreign-pki-"));
  execFileSync("bash", [path.resolve(__dirname, "../../../scripts/test-peer/make-pki.sh"), foreignPki, peer.address]);
});

afterAll(async () => {
  rmSync(foreignPki, { recursive: true, force: true });
  await peer?.stop();
});

describe("qemu+tls with SASL (SCRAM-SHA-256) on a real libvirtd", () => {
  it("connects with the CA, a client certificate and the SASL password, and sees what virsh sees over TCP", async () => {
    const lv = await Libvirt.open(PEER_TLS_URI, {
      tls: ours(),
      sasl: { username: PEER_SASL_USER, password: PEER_SASL_PASSWORD },
      reconnect: false,
    });
    try {
      expect(await lv.host.hostname()).toBe("virt-console-peer");
      const names = (await lv.domains.list()).map((d) => d.name).sort();
      const virshNames = execFileSync("virsh", ["-q", "-c", peer.uri, "list", "--all", "--name"], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .sort();
      expect(names).toEqual(virshNames);
    } finally {
      await lv.close();
    }
  });

  it("connects the way a registered host does: user in the URI, secrets from the host's credentials", async () => {
    const { ca, cert, key } = ours();
    const options = connectOptionsWith(
      userUri(PEER_SASL_USER),
      { tlsCa: ca, tlsCert: cert, tlsKey: key, password: PEER_SASL_PASSWORD },
      null,
    );
    const lv = await Libvirt.open(userUri(PEER_SASL_USER), { ...options, reconnect: false });
    try {
      expect((await lv.host.capabilities()).includes("<uuid>7a5c0e1e-77a0-4c6b-9e2a-0000000000b2</uuid>")).toBe(true);
    } finally {
      await lv.close();
    }
  });

  it("is refused with libvirt's authentication error for a wrong password", async () => {
    await expect(
      Libvirt.open(PEER_TLS_URI, { tls: ours(), sasl: { username: PEER_SASL_USER, password: "not-the-password" }, reconnect: false }),
    ).rejects.toMatchObject({
      name: "LibvirtError",
      code: ErrorCode.VIR_ERR_AUTH_FAILED,
    });
  });

  it("asks for SASL credentials when none are given", async () => {
    await expect(Libvirt.open(PEER_TLS_URI, { tls: ours(), reconnect: false })).rejects.toThrow(/asks for SASL authentication/);
  });

  it("refuses a daemon whose certificate another CA signed, and the daemon refuses a client certificate it does not trust", async () => {
    const foreign = { ca: pem(foreignPki, "cacert.pem"), cert: pem(foreignPki, "clientcert.pem"), key: pem(foreignPki, "clientkey.pem") };
    const sasl = { username: PEER_SASL_USER, password: PEER_SASL_PASSWORD };
    await expect(Libvirt.open(PEER_TLS_URI, { tls: foreign, sasl, reconnect: false })).rejects.toMatchObject({
      name: "ConnectionClosedError",
      message: expect.stringMatching(/certificate/i),
    });
    await expect(
      Libvirt.open(PEER_TLS_URI, { tls: { ...ours(), cert: foreign.cert, key: foreign.key }, sasl, reconnect: false }),
    ).rejects.toMatchObject({ name: "ConnectionClosedError" });
  });
});
