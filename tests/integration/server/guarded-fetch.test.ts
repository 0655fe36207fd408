// The guarded fetch against real listeners on loopback addresses (127.0.0.1, .2, .3: Linux routes all
// of 127/8 to lo): refused by default with the rule in words; allowed once an admin allows the network
// (and by FETCH_ALLOWED_NETWORKS until then); redirects checked hop by hop and capped; size and time
// caps; the address checked is the address connected to, whatever the resolver says afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import tls from "node:tls";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { connectGuarded } from "@/lib/server/net/guarded-connect";
import { guardedGet } from "@/lib/server/net/guarded-fetch";
import type { Resolver } from "@/lib/server/net/resolve-checked";
import { readSettings } from "@/lib/server/settings/settings";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

type Listener = { host: string; port: number; requests: { url: string; hostHeader: string; local: string }[]; close(): Promise<void> };

/** An HTTP server on `host` that records each request and answers it with `handle`. */
async function listen(host: string, handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Listener> {
  const requests: Listener["requests"] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? "", hostHeader: req.headers.host ?? "", local: req.socket.localAddress ?? "" });
    handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    host,
    port: (server.address() as net.AddressInfo).port,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const read = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

const LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000 };
const ALLOW_HINT = "An administrator can allow this network under Admin → Settings.";

let tc: TestConsole;
let admin: Actor;
let main: Listener; // 127.0.0.1: the allowed server
let inner: Listener; // 127.0.0.2: stands for an internal service nobody allowed
let viaEnv: Listener; // 127.0.0.3: allowed only by FETCH_ALLOWED_NETWORKS
const saved = process.env.FETCH_ALLOWED_NETWORKS;

beforeAll(async () => {
  process.env.FETCH_ALLOWED_NETWORKS = "127.0.0.3/32";
  tc = await startTestConsole();
  admin = await tc.actor();
  inner = await listen("127.0.0.2", (_req, res) => res.end("internal secret"));
  viaEnv = await listen("127.0.0.3", (_req, res) => res.end("from the environment's network"));
  main = await listen("127.0.0.1", (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/file") return res.end("tree file");
    if (url.pathname === "/to-inner") return res.writeHead(302, { Location: `http://127.0.0.2:${inner.port}/secret` }).end();
    if (url.pathname === "/to-metadata") return res.writeHead(301, { Location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (url.pathname === "/to-file-url") return res.writeHead(302, { Location: "file:///etc/passwd" }).end();
    if (url.pathname === "/to-file") return res.writeHead(307, { Location: "/file" }).end();
    if (url.pathname.startsWith("/loop/")) return res.writeHead(302, { Location: `/loop/${Number(url.pathname.slice(6)) + 1}` }).end();
    if (url.pathname === "/big") return res.writeHead(200, { "Content-Length": 2 * 1024 * 1024 }).end(Buffer.alloc(2 * 1024 * 1024));
    if (url.pathname === "/big-chunked") {
      res.writeHead(200); // no Content-Length: only counting can stop it
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on("drain", pump);
      return pump();
    }
    if (url.pathname === "/slow") {
      res.writeHead(200, { "Content-Length": 1000 });
      const timer = setInterval(() => res.write("x"), 50);
      return res.on("close", () => clearInterval(timer));
    }
    if (url.pathname === "/missing") return res.writeHead(404).end();
    res.writeHead(500).end();
  });
});

afterAll(async () => {
  if (saved === undefined) delete process.env.FETCH_ALLOWED_NETWORKS;
  else process.env.FETCH_ALLOWED_NETWORKS = saved;
  await Promise.all([main, inner, viaEnv].map((l) => l?.close()));
  await tc.cleanup();
});

const at = (l: Listener, p: string) => `http://${l.host}:${l.port}${p}`;

describe("before an admin allows anything", () => {
  it("refuses loopback, naming the rule and where to change it, and connects nowhere", async () => {
    await expect(guardedGet(at(main, "/file"), LIMITS)).rejects.toThrow(
      `Could not fetch ${at(main, "/file")}: 127.0.0.1 is a loopback address (the console's own machine), so the console does not connect to it. ${ALLOW_HINT}`,
    );
    await expect(guardedGet(`http://localhost:${main.port}/file`, LIMITS)).rejects.toThrow(
      "localhost resolves to 127.0.0.1, a loopback address",
    );
    await expect(connectGuarded("127.0.0.1", main.port, { connectTimeoutMs: 5_000 })).rejects.toThrow("127.0.0.1 is a loopback address");
    expect(main.requests).toEqual([]);
  });

  it("takes FETCH_ALLOWED_NETWORKS as the setting's default", async () => {
    expect((await readSettings()).fetchAllowedNetworks).toEqual({ value: ["127.0.0.3/32"], saved: false, fallback: ["127.0.0.3/32"] });
    const res = await guardedGet(at(viaEnv, "/x"), LIMITS);
    expect(await read(res.body)).toBe("from the environment's network");
  });
});

describe("after an admin allows 127.0.0.1/32", () => {
  beforeAll(async () => {
    await updateSettings(ctxOf(admin), { fetchAllowedNetworks: ["127.0.0.1/32"] });
  });
  beforeEach(() => {
    for (const l of [main, inner, viaEnv]) l.requests.length = 0;
  });

  it("is saved, audited with before and after, and replaces the environment's default", async () => {
    expect((await readSettings()).fetchAllowedNetworks).toEqual({ value: ["127.0.0.1/32"], saved: true, fallback: ["127.0.0.3/32"] });
    const rows = await tc.auditRows("settings.update");
    expect(rows.map((r) => [r.result, r.target, JSON.parse(r.details)])).toEqual([
      ["ok", "settings", { fetchAllowedNetworks: { from: ["127.0.0.3/32"], to: ["127.0.0.1/32"] } }],
    ]);
    await expect(guardedGet(at(viaEnv, "/x"), LIMITS)).rejects.toThrow("127.0.0.3 is a loopback address");
  });

  it("fetches from the allowed network, following a redirect that stays there", async () => {
    const res = await guardedGet(at(main, "/to-file"), LIMITS);
    expect(res.url).toBe(at(main, "/file"));
    expect(res.size).toBe("tree file".length);
    expect(await read(res.body)).toBe("tree file");
    expect(main.requests.map((r) => r.url)).toEqual(["/to-file", "/file"]);
  });

  it("checks every redirect again: one to a refused address is refused before connecting there", async () => {
    await expect(guardedGet(at(main, "/to-inner"), LIMITS)).rejects.toThrow(
      `Could not fetch ${at(main, "/to-inner")}: it redirected to http://127.0.0.2:${inner.port}/secret, and 127.0.0.2 is a loopback address (the console's own machine), so the console does not connect to it. ${ALLOW_HINT}`,
    );
    await expect(guardedGet(at(main, "/to-metadata"), LIMITS)).rejects.toThrow(
      "it redirected to http://169.254.169.254/latest/meta-data/, and 169.254.169.254 is the cloud metadata service's link-local address",
    );
    await expect(guardedGet(at(main, "/to-file-url"), LIMITS)).rejects.toThrow(
      "it redirected to file:///etc/passwd, and file:///etc/passwd is not an HTTP or HTTPS URL",
    );
    expect(inner.requests).toEqual([]);
  });

  it("stops after too many redirects", async () => {
    await expect(guardedGet(at(main, "/loop/0"), { ...LIMITS, maxRedirects: 3 })).rejects.toThrow(
      `Could not fetch ${at(main, "/loop/0")}: it redirected more than 3 times, the limit`,
    );
    expect(main.requests.map((r) => r.url)).toEqual(["/loop/0", "/loop/1", "/loop/2", "/loop/3"]);
  });

  it("says what the server answered when it is not a success", async () => {
    await expect(guardedGet(at(main, "/missing"), LIMITS)).rejects.toThrow(
      `Could not fetch ${at(main, "/missing")}: the server answered 404 Not Found`,
    );
  });

  it("caps the size: a declared length over the cap is refused unread, an undeclared one is cut off", async () => {
    await expect(guardedGet(at(main, "/big"), LIMITS)).rejects.toThrow(
      `Could not fetch ${at(main, "/big")}: it is larger than 1 MiB, the size limit`,
    );
    const res = await guardedGet(at(main, "/big-chunked"), LIMITS);
    expect(res.size).toBeNull();
    await expect(read(res.body)).rejects.toThrow(`Stopped fetching ${at(main, "/big-chunked")}: it is larger than 1 MiB, the size limit`);
  });

  it("caps the time: a server that trickles is stopped with the time limit in words", async () => {
    const res = await guardedGet(at(main, "/slow"), { ...LIMITS, timeoutMs: 1_000 });
    await expect(read(res.body)).rejects.toThrow(`Stopped fetching ${at(main, "/slow")}: it took longer than 1 second, the time limit`);
  });

  it("caps the time before an answer too: a server that accepts and says nothing", async () => {
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
    try {
      await expect(guardedGet(url, { ...LIMITS, timeoutMs: 1_000 })).rejects.toThrow(
        `Could not fetch ${url}: it took longer than 1 second, the time limit`,
      );
    } finally {
      silent.close();
    }
  });

  it("connects to the address it checked: a resolver that changes its answer afterwards (DNS rebinding) is not asked again", async () => {
    const asked: string[] = [];
    // First answer: the allowed server. Every later answer: the internal one.
    const rebinding: Resolver = async (name) => {
      asked.push(name);
      return [asked.length === 1 ? "127.0.0.1" : "127.0.0.2"];
    };
    const res = await guardedGet(`http://mirror.test:${main.port}/file`, { ...LIMITS, resolve: rebinding });
    expect(await read(res.body)).toBe("tree file");
    expect(asked).toEqual(["mirror.test"]);
    // The request reached 127.0.0.1, still named mirror.test in its Host header; 127.0.0.2 saw nothing.
    expect(main.requests).toEqual([{ url: "/file", hostHeader: `mirror.test:${main.port}`, local: "127.0.0.1" }]);
    expect(inner.requests).toEqual([]);
    // Asked again, the same resolver now points inside, and is refused.
    await expect(guardedGet(`http://mirror.test:${inner.port}/secret`, { ...LIMITS, resolve: rebinding })).rejects.toThrow(
      "mirror.test resolves to 127.0.0.2, a loopback address",
    );
    expect(inner.requests).toEqual([]);
  });

  it("the TCP primitive connects by the checked address too", async () => {
    const socket = await connectGuarded("ftp.mirror.test", main.port, { connectTimeoutMs: 5_000, resolve: async () => ["127.0.0.1"] });
    expect(socket.remoteAddress).toBe("127.0.0.1");
    socket.destroy();
  });

  it("HTTPS keeps the URL's name for SNI and verifies the certificate against it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vc-guard-tls-"));
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"],
        ...["-subj", "/CN=mirror.test", "-addext", "subjectAltName=DNS:mirror.test"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      ],
      { stdio: "ignore" },
    );
    const names: string[] = [];
    const context = tls.createSecureContext({
      key: readFileSync(path.join(dir, "key.pem")),
      cert: readFileSync(path.join(dir, "cert.pem")),
    });
    const server = https.createServer(
      {
        SNICallback: (name, done) => {
          names.push(name);
          done(null, context);
        },
      },
      (_req, res) => res.end("tls"),
    );
    server.on("tlsClientError", () => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      // Self-signed, so not trusted: the check runs (and fails) as for any HTTPS download.
      await expect(guardedGet(`https://mirror.test:${port}/x`, { ...LIMITS, resolve: async () => ["127.0.0.1"] })).rejects.toThrow(
        /self-signed certificate/,
      );
      expect(names).toEqual(["mirror.test"]);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("after an admin puts the list back to its default", () => {
  it("forgets the saved list, audits the change and fetches by FETCH_ALLOWED_NETWORKS again", async () => {
    await updateSettings(ctxOf(admin), { fetchAllowedNetworks: null });
    expect((await readSettings()).fetchAllowedNetworks).toEqual({ value: ["127.0.0.3/32"], saved: false, fallback: ["127.0.0.3/32"] });
    const rows = await tc.auditRows("settings.update");
    expect(JSON.parse(rows.at(-1)!.details)).toEqual({ fetchAllowedNetworks: { from: ["127.0.0.1/32"], to: ["127.0.0.3/32"] } });
    expect(await read((await guardedGet(at(viaEnv, "/x"), LIMITS)).body)).toBe("from the environment's network");
    await expect(guardedGet(at(main, "/file"), LIMITS)).rejects.toThrow("127.0.0.1 is a loopback address");
  });
});
