import { describe, expect, it } from "vitest";
import { ProtocolError } from "../../../lib/libvirt/errors";
import { MAX_PACKET, MessageType, PacketDecoder, encodePacket } from "../../../lib/libvirt/framing";

describe("framing", () => {
  it("encodes the AUTH_LIST call header byte for byte", () => {
    const bytes = encodePacket({ prog: 0x20008086, vers: 1, proc: 66, type: MessageType.CALL, serial: 1, status: 0 });
    expect(bytes.toString("hex")).toBe("0000001c" + "20008086" + "00000001" + "00000042" + "00000000" + "00000001" + "00000000");
  });

  it("reassembles packets split at every byte boundary and several packets in one chunk", () => {
    const a = encodePacket({ prog: 1, vers: 1, proc: 2, type: 1, serial: 7, status: 0 }, Buffer.from([1, 2, 3, 4]));
    const b = encodePacket({ prog: 1, vers: 1, proc: 3, type: 3, serial: 8, status: 2 }, Buffer.alloc(0));
    const all = Buffer.concat([a, b, a]);
    for (let split = 0; split <= all.length; split++) {
      const d = new PacketDecoder();
      const packets = [...d.push(all.subarray(0, split)), ...d.push(all.subarray(split))];
      expect(packets.map((p) => p.header.serial)).toEqual([7, 8, 7]);
      expect([...packets[0].payload]).toEqual([1, 2, 3, 4]);
      expect(d.pending).toBe(0);
    }
    const bytewise = new PacketDecoder();
    const got = [...all].flatMap((byte) => bytewise.push(Buffer.from([byte])));
    expect(got).toHaveLength(3);
  });

  it("rejects lengths below the header size and above the 32 MiB limit", () => {
    expect(() => new PacketDecoder().push(Buffer.from("00000000", "hex"))).toThrow(ProtocolError);
    expect(() => new PacketDecoder().push(Buffer.from("0000001b", "hex"))).toThrow(/bad packet length 27/);
    const big = Buffer.alloc(4);
    big.writeUInt32BE(MAX_PACKET + 1);
    expect(() => new PacketDecoder().push(big)).toThrow(/exceeds/);
  });

  it("refuses to encode an oversized packet", () => {
    expect(() => encodePacket({ prog: 1, vers: 1, proc: 1, type: 0, serial: 1, status: 0 }, Buffer.alloc(MAX_PACKET))).toThrow(
      ProtocolError,
    );
  });
});
