import { describe, expect, it } from "vitest";
import { ErrorCode, ErrorDomain, LibvirtError } from "../../../lib/libvirt/errors";
import { PacketDecoder, encodePacket, type Packet } from "../../../lib/libvirt/framing";
import {
  decodeRemoteError,
  encodeRemoteConnectGetAllDomainStatsRet,
  encodeRemoteConnectListAllDomainsRet,
  encodeRemoteDomainGetXmlDescRet,
  encodeRemoteDomainInterfaceAddressesRet,
  encodeRemoteError,
  remoteProcedures,
} from "../../../lib/libvirt/generated/remote";
import type { ProcedureDef } from "../../../lib/libvirt/procedure";
import { RpcSession } from "../../../lib/libvirt/rpc";
import { XdrError, XdrReader } from "../../../lib/libvirt/xdr";
import { FakeDaemon, duplexPair, encodeWith } from "./fake-daemon";

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dom = (i: number) => ({ name: `vm-${i}`, uuid: Buffer.alloc(16, i), id: i });
const header = (proc: number) => ({ prog: 0x20008086, vers: 1, proc, type: 1, serial: 1, status: 0 });
const corpus: Buffer[] = [
  encodePacket(header(273), encodeWith(encodeRemoteConnectListAllDomainsRet, { domains: [dom(1), dom(2), dom(3)], ret: 3 })),
  encodePacket(header(14), encodeWith(encodeRemoteDomainGetXmlDescRet, { xml: "<domain type='kvm'><name>x</name></domain>" })),
  encodePacket(
    header(344),
    encodeWith(encodeRemoteConnectGetAllDomainStatsRet, {
      retStats: [
        {
          dom: dom(1),
          params: [
            { field: "state.state", value: { type: 1, i: 1 } },
            { field: "cpu.time", value: { type: 4, ul: 123n } },
            { field: "x", value: { type: 7, s: "s" } },
          ],
        },
      ],
    }),
  ),
  encodePacket(
    header(353),
    encodeWith(encodeRemoteDomainInterfaceAddressesRet, {
      ifaces: [{ name: "eth0", hwaddr: "52:54:00:00:00:01", addrs: [{ type: 0, addr: "10.0.0.2", prefix: 24 }] }],
    }),
  ),
  encodePacket(
    { ...header(23), status: 1 },
    encodeWith(encodeRemoteError, {
      code: ErrorCode.VIR_ERR_NO_DOMAIN,
      domain: ErrorDomain.VIR_FROM_QEMU,
      message: "nope",
      level: 2,
      dom: dom(5),
      str1: "a",
      str2: null,
      str3: null,
      int1: 0,
      int2: 0,
      net: null,
    }),
  ),
];

const byProc = new Map<number, ProcedureDef<never, unknown, unknown>>();
for (const def of Object.values(remoteProcedures) as ProcedureDef<never, unknown, unknown>[]) byProc.set(def.proc, def);

function mutate(src: Buffer, random: () => number): Buffer {
  const buf = Buffer.from(src);
  const ops = 1 + Math.floor(random() * 4);
  let out = buf;
  for (let k = 0; k < ops; k++) {
    const pos = Math.floor(random() * out.length);
    switch (Math.floor(random() * 5)) {
      case 0:
        out[pos] ^= 1 << Math.floor(random() * 8);
        break;
      case 1:
        out[pos] = Math.floor(random() * 256);
        break;
      case 2:
        out = out.subarray(0, pos);
        break;
      case 3:
        if (pos + 4 <= out.length) out.writeUInt32BE(Math.floor(random() * 2 ** 32), pos - (pos % 4));
        break;
      case 4:
        out = Buffer.concat([out.subarray(0, pos), Buffer.from([Math.floor(random() * 256)]), out.subarray(pos)]);
        break;
    }
  }
  return out;
}

function decodePacket(pk: Packet): void {
  const r = new XdrReader(pk.payload);
  if (pk.header.status === 1) decodeRemoteError(r);
  else byProc.get(pk.header.proc)?.decodeRet(r);
}

const isTyped = (e: unknown): boolean => e instanceof XdrError || e instanceof LibvirtError;

describe("fuzz", () => {
  it("decodes 100,000 mutated packets without an untyped exception", () => {
    const random = rng(1234);
    let typedErrors = 0;
    let decoded = 0;
    for (let i = 0; i < 100_000; i++) {
      const bytes = mutate(corpus[i % corpus.length], random);
      const decoder = new PacketDecoder();
      try {
        for (const pk of decoder.push(bytes)) {
          decodePacket(pk);
          decoded++;
        }
      } catch (e) {
        if (!isTyped(e)) throw new Error(`untyped exception on input ${bytes.toString("hex")}: ${String(e)}`);
        typedErrors++;
      }
    }
    expect(typedErrors).toBeGreaterThan(10_000);
    expect(decoded).toBeGreaterThan(10_000);
    // 100,000 decodes take about a second alone and several on a busy machine; the limit is for a hang, not speed.
  }, 60_000);

  it("a session fed mutated replies settles every call with a value or a typed error", async () => {
    const random = rng(99);
    for (let i = 0; i < 300; i++) {
      const [client, server] = duplexPair();
      const s = new RpcSession(client);
      const d = new FakeDaemon(server, (pk) => {
        const mutated = mutate(corpus[0], random);
        if (mutated.length >= 24) mutated.writeUInt32BE(pk.header.serial, 20);
        d.send(mutated);
        d.socket.end();
      });
      const outcome = await s.call(remoteProcedures.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 }).then(
        () => "ok",
        (e: unknown) => (isTyped(e) ? "typed" : `untyped: ${String(e)}`),
      );
      expect(outcome === "ok" || outcome === "typed").toBe(true);
      client.destroy();
    }
  });
});
