// libvirt RPC framing: u32 total length (including itself), 24-byte header, payload.
import { ProtocolError } from "./errors";
import { VIR_NET_MESSAGE_MAX, VirNetMessageStatus, VirNetMessageType } from "./generated/virnet";
import { encodeVoid } from "./procedure";
import { withoutPrefix } from "./short-names";
import { XdrWriter } from "./xdr";

export const HEADER_SIZE = 24;
export const LENGTH_SIZE = 4;
export const MIN_PACKET = LENGTH_SIZE + HEADER_SIZE;
export const MAX_PACKET = LENGTH_SIZE + VIR_NET_MESSAGE_MAX;
/** libvirt's own client keeps stream chunks at 256 KiB. */
export const STREAM_CHUNK = 256 * 1024;

/** Placeholder the header is written over once the packet length is known. */
const EMPTY_HEADER = new Uint8Array(MIN_PACKET);

export const MessageType = withoutPrefix(VirNetMessageType, "VIR_NET_");
export const MessageStatus = withoutPrefix(VirNetMessageStatus, "VIR_NET_");

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
  writeHeader(buf, size, header.prog, header.vers, header.proc, header.type, header.serial, header.status);
  if (payload) buf.set(payload, MIN_PACKET);
  return buf;
}

function writeHeader(
  buf: Buffer,
  size: number,
  prog: number,
  vers: number,
  proc: number,
  type: number,
  serial: number,
  status: number,
): void {
  buf.writeUInt32BE(size, 0);
  buf.writeUInt32BE(prog >>> 0, 4);
  buf.writeUInt32BE(vers >>> 0, 8);
  buf.writeInt32BE(proc | 0, 12);
  buf.writeInt32BE(type | 0, 16);
  buf.writeUInt32BE(serial >>> 0, 20);
  buf.writeInt32BE(status | 0, 24);
}

/**
 * A whole CALL packet in one buffer: the arguments are encoded straight after the header,
 * with no intermediate payload buffer and no copy. Throws XdrError or ProtocolError.
 */
export function encodeCall<A>(
  prog: number,
  vers: number,
  proc: number,
  serial: number,
  encodeArgs: (w: XdrWriter, args: A) => void,
  args: A,
): Buffer {
  if (encodeArgs === (encodeVoid as unknown)) {
    const buf = Buffer.allocUnsafe(MIN_PACKET);
    writeHeader(buf, MIN_PACKET, prog, vers, proc, MessageType.CALL, serial, MessageStatus.OK);
    return buf;
  }
  const w = new XdrWriter(256);
  w.bytes(EMPTY_HEADER);
  encodeArgs(w, args);
  const size = w.length;
  if (size > MAX_PACKET) throw new ProtocolError(`packet of ${size} bytes exceeds the ${MAX_PACKET}-byte limit`);
  const buf = w.toBuffer();
  writeHeader(buf, size, prog, vers, proc, MessageType.CALL, serial, MessageStatus.OK);
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

/**
 * Called once per complete packet: the packet is buf[start, end), length word included. `shared`:
 * buf's memory is reused after the call (a reused read buffer), so whatever is kept must be copied.
 */
export type PacketSink = (buf: Buffer, start: number, end: number, shared: boolean) => void;

/**
 * Reassembles packets from arbitrary socket chunks. Throws ProtocolError on an impossible length.
 * A chunk holding only whole packets (the usual case) is handed out in place, without copies; a
 * packet split across chunks is copied once into a buffer of its declared length.
 */
export class PacketDecoder {
  /** A packet being assembled: allocated at its full length once the length word is known. */
  private partial: Buffer | null = null;
  private filled = 0;
  /** The first 1-3 bytes of a packet, before its length word is complete. */
  private head: Buffer | null = null;

  /**
   * Feeds one chunk; calls `onPacket` for every packet it completes, in order. With `shared`, the
   * chunk's memory is reused after the call (a reused read buffer); bytes kept for later are copied.
   */
  feed(chunk: Buffer, onPacket: PacketSink, shared = false): void {
    let buf = chunk;
    if (this.partial) {
      const packet = this.partial;
      const take = Math.min(packet.length - this.filled, chunk.length);
      chunk.copy(packet, this.filled, 0, take);
      this.filled += take;
      if (this.filled < packet.length) return;
      this.partial = null;
      this.filled = 0;
      onPacket(packet, 0, packet.length, false);
      if (take === chunk.length) return;
      buf = chunk.subarray(take);
    } else if (this.head) {
      buf = Buffer.concat([this.head, chunk]);
      this.head = null;
      shared = false;
    }
    const n = buf.length;
    let at = 0;
    while (n - at >= LENGTH_SIZE) {
      const length = checkedLength(buf.readUInt32BE(at));
      if (n - at < length) {
        this.partial = Buffer.allocUnsafe(length);
        this.filled = buf.copy(this.partial, 0, at, n);
        return;
      }
      onPacket(buf, at, at + length, shared);
      at += length;
    }
    if (at < n) this.head = Buffer.from(buf.subarray(at, n));
  }

  /** Like feed(), collecting the packets with decoded headers. */
  push(chunk: Buffer): Packet[] {
    const packets: Packet[] = [];
    this.feed(chunk, (buf, start, end) =>
      packets.push({ header: decodeHeader(buf, start + LENGTH_SIZE), payload: buf.subarray(start + MIN_PACKET, end) }),
    );
    return packets;
  }

  /** Bytes of an incomplete packet still waiting for the rest. */
  get pending(): number {
    return this.partial ? this.filled : (this.head?.length ?? 0);
  }
}

function checkedLength(length: number): number {
  if (length < MIN_PACKET) throw new ProtocolError(`bad packet length ${length} (minimum ${MIN_PACKET})`);
  if (length > MAX_PACKET) throw new ProtocolError(`packet length ${length} exceeds the ${MAX_PACKET}-byte limit`);
  return length;
}
