import { describe, expect, it } from "vitest";
import {
  decodeRemoteDomainGetInfoRet,
  decodeRemoteNodeGetInfoRet,
  decodeRemoteTypedParam,
  encodeRemoteConnectOpenArgs,
  encodeRemoteTypedParam,
} from "../../../lib/libvirt/generated/remote";
import { charArrayToString } from "../../../lib/libvirt/api/host";
import { recordToTypedParams, typedParamsToRecord } from "../../../lib/libvirt/api/typed-params";
import { XdrError, XdrReader, XdrWriter } from "../../../lib/libvirt/xdr";
import { VirConnectFlags } from "../../../lib/libvirt/generated/flags";
import { encodeWith } from "./fake-daemon";

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("XDR codecs (golden bytes)", () => {
  it("encodes CONNECT_OPEN args exactly like the captured libvirt traffic", () => {
    // optional string present (u32 1), len 14, "qemu:///system" + 2 pad bytes, flags 0
    const bytes = encodeWith(encodeRemoteConnectOpenArgs, { name: "qemu:///system", flags: 0 });
    expect(bytes.toString("hex")).toBe("000000010000000e71656d753a2f2f2f73797374656d000000000000");
  });

  it("encodes a null optional string as a single zero word", () => {
    expect(encodeWith(encodeRemoteConnectOpenArgs, { name: null, flags: VirConnectFlags.VIR_CONNECT_RO }).toString("hex")).toBe(
      "0000000000000001",
    );
  });

  it("decodes char[32] as 32 four-byte words (128 bytes)", () => {
    const w = new XdrWriter();
    const model = "x86_64";
    for (let i = 0; i < 32; i++) w.int(i < model.length ? model.charCodeAt(i) : 0);
    w.uhyper(16384000n);
    for (const v of [4, 2400, 1, 1, 4, 1]) w.int(v);
    const buf = w.toBuffer();
    expect(buf.length).toBe(128 + 8 + 24);
    const r = new XdrReader(buf);
    const info = decodeRemoteNodeGetInfoRet(r);
    r.done();
    expect(charArrayToString(info.model)).toBe("x86_64");
    expect(info.memory).toBe(16384000n);
    expect(info.mhz).toBe(2400);
  });

  it("decodes DOMAIN_GET_INFO with unsigned char and unsigned short as 4 bytes each", () => {
    const buf = hex("00000001 0000000000100000 0000000000080000 00000002 00000000499602d2");
    const r = new XdrReader(buf);
    expect(decodeRemoteDomainGetInfoRet(r)).toEqual({ state: 1, maxMem: 1048576n, memory: 524288n, nrVirtCpu: 2, cpuTime: 1234567890n });
    r.done();
  });

  it("round-trips every typed parameter variant", () => {
    const record = { a: -5, b: 7, c: 2n ** 63n - 1n, d: 1.5, e: true, f: "hello" };
    const params = recordToTypedParams(record, { c: 3 });
    const w = new XdrWriter();
    for (const p of params) encodeRemoteTypedParam(w, p);
    const r = new XdrReader(w.toBuffer());
    const decoded = params.map(() => decodeRemoteTypedParam(r));
    r.done();
    expect(decoded.map((p) => p.value.type)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(typedParamsToRecord(decoded)).toEqual(record);
  });

  it("encodes a STRING typed param as the exact bytes libvirt sends", () => {
    const bytes = encodeWith(encodeRemoteTypedParam, { field: "k", value: { type: 7, s: "vv" } });
    expect(bytes.toString("hex")).toBe("000000016b000000" + "00000007" + "000000027676" + "0000");
  });

  it("rejects an unknown union discriminant, overlong strings and truncated input with XdrError", () => {
    expect(() => decodeRemoteTypedParam(new XdrReader(hex("00000001 6b000000 00000009")))).toThrow(XdrError);
    const w = new XdrWriter();
    expect(() => w.string("x".repeat(10), 4)).toThrow(XdrError);
    expect(() => new XdrReader(hex("00000010 6162")).string(100)).toThrow(XdrError);
    expect(() => new XdrReader(hex("00000005")).string(4)).toThrow(/exceeds maximum/);
    expect(() => new XdrReader(hex("7fffffff")).arrayLength(0xffffffff)).toThrow(XdrError);
  });

  it("hyper values use bigint over the full 64-bit range", () => {
    const w = new XdrWriter();
    w.hyper(-1n);
    w.uhyper(2n ** 64n - 1n);
    const r = new XdrReader(w.toBuffer());
    expect(r.hyper()).toBe(-1n);
    expect(r.uhyper()).toBe(2n ** 64n - 1n);
  });
});

describe("XdrWriter growth", () => {
  it("keeps every value written across buffer reallocations", () => {
    const w = new XdrWriter(4);
    for (let i = 0; i < 1000; i++) {
      w.uint(i);
      w.hyper(BigInt(-i));
      w.double(i / 2);
      w.string("s".repeat(i % 7), 100);
    }
    const r = new XdrReader(w.toBuffer());
    for (let i = 0; i < 1000; i++) {
      expect(r.uint()).toBe(i);
      expect(r.hyper()).toBe(BigInt(-i));
      expect(r.double()).toBe(i / 2);
      expect(r.string(100)).toBe("s".repeat(i % 7));
    }
    r.done();
  });
});
