// libvirt RPC framing: u32 total length (including itself), 24-byte header, payload.
import { ProtocolError } from "./errors";
import { VIR_NET_MESSAGE_MAX } from "./generated/virnet";

export const HEADER_SIZE = 24;
export const LENGTH_SIZE = 4;
export const MIN_PACKET = LENGTH_SIZE + HEADER_SIZE;
export const MAX_PACKET = LENGTH_SIZE + VIR_NET_MESSAGE_MAX;
/** libvirt's own client keeps stream chunks at 256 KiB. */
export const STREAM_CHUNK = 256 * 1024;

export const MessageType = { CALL: 0, REPLY: 1, MESSAGE: 2, STREAM: 3, CALL_WITH_FDS: 4, REPLY_WITH_FDS: 5, STREAM_HOLE: 6 } as const;
export const MessageStatus = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;

export interface Header {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

export interface Packet {
  header: Header;
  payload: Buffer;
}

export function encodePacket(header: Header, payload?: Uint8Array): Buffer {
  const size = MIN_PACKET + (payload?.length ?? 0);
  if (size > MAX_PACKET) throw new ProtocolError(`packet of ${size} bytes exceeds the ${MAX_PACKET}-byte limit`);
  const buf = Buffer.allocUnsafe(size);
  buf.writeUInt32BE(size, 0);
  buf.writeUInt32BE(header.prog >>> 0, 4);
  buf.writeUInt32BE(header.vers >>> 0, 8);
  buf.writeInt32BE(header.proc | 0, 12);
  buf.writeInt32BE(header.type | 0, 16);
  buf.writeUInt32BE(header.serial >>> 0, 20);
  buf.writeInt32BE(header.status | 0, 24);
  if (payload) buf.set(payload, MIN_PACKET);
  return buf;
}

export function decodeHeader(buf: Buffer, at = LENGTH_SIZE): Header {
  return {
    prog: buf.readUInt32BE(at),
    vers: buf.readUInt32BE(at + 4),
    proc: buf.readInt32BE(at + 8),
    type: buf.readInt32BE(at + 12),
    serial: buf.readUInt32BE(at + 16),
    status: buf.readInt32BE(at + 20),
  };
}

/** Reassembles packets from arbitrary socket chunks. Throws ProtocolError on an impossible length. */
export class PacketDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Packet[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const packets: Packet[] = [];
    while (this.buffered >= LENGTH_SIZE) {
      const length = this.peekLength();
      if (length < MIN_PACKET) throw new ProtocolError(`bad packet length ${length} (minimum ${MIN_PACKET})`);
      if (length > MAX_PACKET) throw new ProtocolError(`packet length ${length} exceeds the ${MAX_PACKET}-byte limit`);
      if (this.buffered < length) break;
      const packet = this.take(length);
      packets.push({ header: decodeHeader(packet), payload: packet.subarray(MIN_PACKET) });
    }
    return packets;
  }

  /** Bytes of an incomplete packet still waiting for the rest. */
  get pending(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= LENGTH_SIZE) return first.readUInt32BE(0);
    return Buffer.concat(this.chunks).readUInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
