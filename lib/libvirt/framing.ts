// libvirt RPC framing: u32 total length (including itself), 24-byte header, payload.
import { ProtocolError } from "./errors";
import { VIR_NET_MESSAGE_MAX } from "./generated/virnet";
import { encodeVoid } from "./procedure";
import { XdrWriter } from "./xdr";

export const HEADER_SIZE = 24;
export const LENGTH_SIZE = 4;
export const MIN_PACKET = LENGTH_SIZE + HEADER_SIZE;
export const MAX_PACKET = LENGTH_SIZE + VIR_NET_MESSAGE_MAX;
/** libvirt's own client keeps stream chunks at 256 KiB. */
export const STREAM_CHUNK = 256 * 1024;

/** Placeholder the header is written over once the packet length is known. */
const EMPTY_HEADER = new Uint8Array(MIN_PACKET);

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
  writeHeader(buf, size, header.prog, header.vers, header.proc, header.type, header.serial, header.status);
  if (payload) buf.set(payload, MIN_PACKET);
  return buf;
}

function writeHeader(buf: Buffer, size: number, prog: number, vers: number, proc: number, type: number, serial: number, status: number): void {
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
export function encodeCall<A>(prog: number, vers: number, proc: number, serial: number, encodeArgs: (w: XdrWriter, args: A) => void, args: A): Buffer {
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

/** Called once per complete packet: the packet is buf[start, end), length word included. */
export type PacketSink = (buf: Buffer, start: number, end: number) => void;

/**
 * Reassembles packets from arbitrary socket chunks. Throws ProtocolError on an impossible length.
 * A chunk holding only whole packets (the usual case) is handed out in place, without copies.
 */
export class PacketDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /**
   * Feeds one chunk; calls `onPacket` for every packet it completes, in order. With `transient`,
   * the chunk's memory is reused after the call (a reused read buffer), so bytes kept for later are copied.
   */
  feed(chunk: Buffer, onPacket: PacketSink, transient = false): void {
    let buf = chunk;
    let owned = !transient;
    if (this.buffered > 0) {
      this.chunks.push(owned ? chunk : Buffer.from(chunk));
      this.buffered += chunk.length;
      // Join only once the first packet is complete, so a large packet is copied once, not per chunk.
      if (this.buffered < LENGTH_SIZE) return;
      const first = this.chunks[0].length >= LENGTH_SIZE ? this.chunks[0] : Buffer.concat(this.chunks);
      if (this.buffered < checkedLength(first.readUInt32BE(0))) return;
      buf = Buffer.concat(this.chunks, this.buffered);
      owned = true;
      this.chunks = [];
      this.buffered = 0;
    }
    const n = buf.length;
    let at = 0;
    while (n - at >= LENGTH_SIZE) {
      const length = checkedLength(buf.readUInt32BE(at));
      if (n - at < length) break;
      onPacket(buf, at, at + length);
      at += length;
    }
    if (at < n) {
      const rest = at === 0 ? buf : buf.subarray(at);
      this.chunks.push(owned ? rest : Buffer.from(rest));
      this.buffered = n - at;
    }
  }

  /** Like feed(), collecting the packets with decoded headers. */
  push(chunk: Buffer): Packet[] {
    const packets: Packet[] = [];
    this.feed(chunk, (buf, start, end) => packets.push({ header: decodeHeader(buf, start + LENGTH_SIZE), payload: buf.subarray(start + MIN_PACKET, end) }));
    return packets;
  }

  /** Bytes of an incomplete packet still waiting for the rest. */
  get pending(): number {
    return this.buffered;
  }
}

function checkedLength(length: number): number {
  if (length < MIN_PACKET) throw new ProtocolError(`bad packet length ${length} (minimum ${MIN_PACKET})`);
  if (length > MAX_PACKET) throw new ProtocolError(`packet length ${length} exceeds the ${MAX_PACKET}-byte limit`);
  return length;
}
