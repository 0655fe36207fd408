import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionClosedError } from "../../../lib/libvirt/errors";
import { tlsDialer } from "../../../lib/libvirt/transports/tcp";

describe("tls dialer", () => {
  let dir: string;
  let cert: Buffer;
  let key: Buffer;
  let server: tls.Server;
  let port = 0;
  let checkByte = 1;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "tls-dialer-"));
    // One self-signed certificate serves as CA, server and client certificate.
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    cert = readFileSync(path.join(dir, "cert.pem"));
    key = readFileSync(path.join(dir, "key.pem"));
    server = tls.createServer({ cert, key, ca: cert, requestCert: true, rejectUnauthorized: true }, (sock) => {
      sock.on("error", () => undefined);
      sock.write(Buffer.concat([Buffer.from([checkByte]), Buffer.from("after-check")]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it("consumes libvirt's 0x01 check byte and hands over the rest of the stream", async () => {
    checkByte = 1;
    const sock = await tlsDialer({ host: "127.0.0.1", port, ca: cert, cert, key })();
    const data = await new Promise<Buffer>((resolve) => sock.once("data", resolve));
    expect(data.toString()).toBe("after-check");
    sock.destroy();
  });

  it("fails with a typed error when the server refuses our certificate or address", async () => {
    checkByte = 0;
    await expect(tlsDialer({ host: "127.0.0.1", port, ca: cert, cert, key })()).rejects.toThrow(/server verification/);
    await expect(tlsDialer({ host: "127.0.0.1", port: 1, ca: cert, cert, key })()).rejects.toBeInstanceOf(ConnectionClosedError);
  });
});
