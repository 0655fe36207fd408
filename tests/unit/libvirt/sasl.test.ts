import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ErrorCode, isLibvirtError, LibvirtError } from "@/lib/libvirt/errors";
import { saslAuthenticate } from "@/lib/libvirt/sasl/authenticate";
import { ScramClient } from "@/lib/libvirt/sasl/scram";
import type { RpcSession } from "@/lib/libvirt/rpc";

describe("SCRAM client", () => {
  it("computes RFC 7677's SCRAM-SHA-256 example exactly", () => {
    const client = new ScramClient("sha256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
    expect(client.first()).toBe("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    const final = client.final("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    expect(final).toBe("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    expect(() => client.verify("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).not.toThrow();
  });

  it("computes RFC 5802's SCRAM-SHA-1 example exactly", () => {
    const client = new ScramClient("sha1", "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
    client.first();
    expect(client.final("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")).toBe(
      "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    );
    expect(() => client.verify("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).not.toThrow();
  });

  it("refuses a server that does not know the password, a foreign nonce and an error reply", () => {
    const client = new ScramClient("sha256", "user", "pencil", "abc");
    client.first();
    expect(() => client.final("r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")).toThrow(/nonce/);
    client.final("r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    expect(() => client.verify("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).toThrow(/does not know this password/);
    expect(() => client.verify("e=invalid-proof")).toThrow(/refused: invalid-proof/);
    expect(() => new ScramClient("sha256", "u", "p", "n").final("garbage")).toThrow(/malformed/);
  });
});

/** The daemon's side of SCRAM-SHA-256 (what Cyrus does), behind a fake session: mocks only at the transport boundary. */
function fakeDaemon(mechlist: string, password: string, opts: { lieAboutSignature?: boolean; emptyStepBeforeComplete?: boolean } = {}) {
  const salt = Buffer.from("0123456789abcdef");
  const salted = pbkdf2Sync(password, salt, 4096, 32, "sha256");
  const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();
  let clientFirstBare = "";
  let serverFirst = "";
  let steps = 0;
  const text = (d: number[]) => Buffer.from(d).toString();
  const data = (s: string) => [...Buffer.from(s)];
  const calls: string[] = [];
  const session = {
    call: async (proc: { name: string }, args: { data?: number[]; mech?: string }) => {
      calls.push(proc.name);
      if (proc.name === "AUTH_SASL_INIT") return { mechlist };
      if (proc.name === "AUTH_SASL_START") {
        clientFirstBare = text(args.data!).slice(3);
        const nonce = /r=([^,]+)/.exec(clientFirstBare)![1];
        serverFirst = `r=${nonce}srv,s=${salt.toString("base64")},i=4096`;
        return { complete: 0, nil: 0, data: data(serverFirst) };
      }
      steps++;
      if (steps === 2) return { complete: 1, nil: 1, data: [] };
      const clientFinal = text(args.data!);
      const withoutProof = clientFinal.replace(/,p=.*$/, "");
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const clientKey = hmac(salted, "Client Key");
      const signature = hmac(createHash("sha256").update(clientKey).digest(), authMessage);
      const proof = Buffer.from(/p=(.*)$/.exec(clientFinal)![1], "base64");
      const recovered = Buffer.from(proof.map((b, i) => b ^ signature[i]));
      if (!recovered.equals(clientKey))
        throw new LibvirtError({
          code: ErrorCode.VIR_ERR_AUTH_FAILED,
          message: "authentication failed: authentication failed",
          remote: true,
        });
      const serverSignature = hmac(hmac(opts.lieAboutSignature ? Buffer.alloc(32) : salted, "Server Key"), authMessage);
      return { complete: opts.emptyStepBeforeComplete ? 0 : 1, nil: 0, data: data(`v=${serverSignature.toString("base64")}`) };
    },
  };
  return { session: session as unknown as RpcSession, calls };
}

describe("libvirt SASL handshake", () => {
  it("picks SCRAM-SHA-256 and completes, also when the daemon wants one more empty step", async () => {
    for (const emptyStepBeforeComplete of [false, true]) {
      const { session, calls } = fakeDaemon("DIGEST-MD5,SCRAM-SHA-1,SCRAM-SHA-256", "s3cret", { emptyStepBeforeComplete });
      await saslAuthenticate(session, { username: "alice", password: "s3cret" });
      expect(calls).toEqual([
        "AUTH_SASL_INIT",
        "AUTH_SASL_START",
        "AUTH_SASL_STEP",
        ...(emptyStepBeforeComplete ? ["AUTH_SASL_STEP"] : []),
      ]);
    }
  });

  it("passes the daemon's refusal of a wrong password on as a LibvirtError", async () => {
    const { session } = fakeDaemon("SCRAM-SHA-256", "s3cret");
    const refusal = await saslAuthenticate(session, { username: "alice", password: "wrong" }).catch((err: unknown) => err);
    expect(isLibvirtError(refusal, ErrorCode.VIR_ERR_AUTH_FAILED)).toBe(true);
  });

  it("refuses a daemon that cannot prove it knows the password", async () => {
    const { session } = fakeDaemon("SCRAM-SHA-256", "s3cret", { lieAboutSignature: true });
    await expect(saslAuthenticate(session, { username: "alice", password: "s3cret" })).rejects.toThrow(/does not know this password/);
  });

  it("names the offered mechanisms when none is SCRAM", async () => {
    const { session } = fakeDaemon("GSSAPI DIGEST-MD5", "x");
    await expect(saslAuthenticate(session, { username: "a", password: "x" })).rejects.toThrow(
      /offers the SASL mechanisms GSSAPI, DIGEST-MD5/,
    );
  });
});
