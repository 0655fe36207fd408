// A scripted libvirt daemon on an in-memory Duplex pair: the transport boundary is
// the only thing mocked; everything above it (framing, session, client) is real code.
import { Duplex } from "node:stream";
import { ErrorDomain } from "../../../lib/libvirt/errors";
import { MessageStatus, MessageType, PacketDecoder, encodePacket, type Packet } from "../../../lib/libvirt/framing";
import { REMOTE_PROGRAM, encodeRemoteError, remoteProcedures } from "../../../lib/libvirt/generated/remote";
import { XdrWriter } from "../../../lib/libvirt/xdr";

export function duplexPair(): [Duplex, Duplex] {
  const make = (peer: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        const p = peer();
        if (!p.destroyed) p.push(chunk);
        cb();
      },
      final(cb) {
        peer().push(null);
        cb();
      },
      // Like a socket: when one end is destroyed the other end closes too.
      destroy(err, cb) {
        const p = peer();
        if (!p.destroyed) p.destroy();
        cb(err);
      },
    });
  const a: Duplex = make(() => b);
  const b: Duplex = make(() => a);
  return [a, b];
}

export type Handler = (packet: Packet, daemon: FakeDaemon) => void;

export class FakeDaemon {
  readonly received: Packet[] = [];
  private readonly decoder = new PacketDecoder();

  constructor(
    readonly socket: Duplex,
    private readonly handler: Handler,
  ) {
    socket.on("data", (chunk: Buffer) => {
      for (const p of this.decoder.push(chunk)) {
        this.received.push(p);
        if (!handshake(p, this)) this.handler(p, this);
      }
    });
    socket.on("error", () => undefined);
  }

  reply(to: Packet, payload?: Buffer): void {
    this.socket.write(this.replyBytes(to, payload));
  }

  replyBytes(to: Packet, payload?: Buffer, status: number = MessageStatus.OK, type: number = MessageType.REPLY): Buffer {
    return encodePacket({ ...to.header, type, status }, payload);
  }

  replyError(to: Packet, code: number, message: string, domain: number = ErrorDomain.VIR_FROM_QEMU): void {
    const w = new XdrWriter();
    encodeRemoteError(w, { code, domain, message, level: 2, dom: null, str1: null, str2: null, str3: null, int1: 0, int2: 0, net: null });
    this.socket.write(this.replyBytes(to, w.toBuffer(), MessageStatus.ERROR));
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }
}

export function encodeWith<A>(encode: (w: XdrWriter, v: A) => void, value: A): Buffer {
  const w = new XdrWriter();
  encode(w, value);
  return Buffer.from(w.toBuffer());
}

/** Answers AUTH_LIST (NONE), CONNECT_OPEN, CONNECT_CLOSE and SUPPORTS_FEATURE like libvirtd. */
function handshake(p: Packet, d: FakeDaemon): boolean {
  if (p.header.prog !== REMOTE_PROGRAM || p.header.type !== MessageType.CALL) return false;
  const r = remoteProcedures;
  switch (p.header.proc) {
    case r.AUTH_LIST.proc:
      d.reply(
        p,
        encodeWith(
          (w, v: number[]) => {
            w.uint(v.length);
            v.forEach((t) => w.int(t));
          },
          [0],
        ),
      );
      return true;
    case r.CONNECT_OPEN.proc:
    case r.CONNECT_CLOSE.proc:
      d.reply(p);
      return true;
    case r.CONNECT_SUPPORTS_FEATURE.proc:
      d.reply(
        p,
        encodeWith((w, v: number) => w.int(v), 1),
      );
      return true;
    default:
      return false;
  }
}

/** A dialer that creates a fresh FakeDaemon per dial; `daemons` records them in order. */
export function fakeDialer(handler: Handler): { dialer: () => Promise<Duplex>; daemons: FakeDaemon[] } {
  const daemons: FakeDaemon[] = [];
  return {
    daemons,
    dialer: async () => {
      const [client, server] = duplexPair();
      daemons.push(new FakeDaemon(server, handler));
      return client;
    },
  };
}
