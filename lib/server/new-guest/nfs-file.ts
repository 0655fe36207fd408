import "server-only";
import type net from "node:net";
import { Readable } from "node:stream";
import type { FetchWords } from "@/lib/i18n/fetch-words";
import type { Dialer } from "../net/guarded-connect";
import { FetchError } from "../net/fetch-error";
import { XdrReader, XdrWriter } from "@/lib/libvirt/xdr";

/**
 * Just enough NFSv4.0 (RFC 7530) over ONC RPC (RFC 5531) to read one file of an install tree without
 * mounting anything on the console's machine: look the path up from the server's root, ask its size,
 * then READ it in chunks with the anonymous stateid, which needs no OPEN.
 */

const NFS_PROGRAM = 100003;
const NFS_V4 = 4;
const PROC_COMPOUND = 1;
const AUTH_SYS = 1;
const OP = { GETATTR: 9, GETFH: 10, LOOKUP: 15, PUTFH: 22, PUTROOTFH: 24, READ: 25 } as const;
const FATTR4_SIZE = 4;
const READ_CHUNK = 256 * 1024;
const MAX_REPLY = 4 * 1024 * 1024;
/** NFSv4 statuses by name (messages' "fetchErrors.nfsStatus"); others are said by number. */
const NFS4_STATUS: Record<number, string> = {
  2: "noEntry",
  13: "denied",
  20: "notDirectory",
  21: "isDirectory",
  10001: "badHandle",
  10006: "serverFault",
};
const nfsStatus = (status: number): FetchWords => ({
  key: "nfsStatus",
  values: { status: NFS4_STATUS[status] ?? "other", code: String(status) },
});

/** What went wrong with the NFS server, said by key (a fetch's reason: lib/i18n/fetch-words.ts). */
class NfsError extends FetchError {
  constructor(words: FetchWords) {
    super("status", words);
  }
}

/** One TCP connection carrying one RPC call at a time (record marking: a 4-byte length with the last-fragment bit). */
class RpcConnection {
  private buffered = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private pending: { resolve: (r: Buffer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private xid = (Math.random() * 0x7fffffff) >>> 0;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    const fail = (err: Error) => {
      this.failure = err;
      this.pending?.reject(err);
      this.pending = null;
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new NfsError({ key: "nfsClosed" })));
  }

  static async open(dial: Dialer, host: string, port: number, timeoutMs: number): Promise<RpcConnection> {
    const socket = await dial(host, port);
    socket.setTimeout(timeoutMs);
    socket.once("timeout", () => socket.destroy(new NfsError({ key: "noAnswerFrom", values: { address: `${host}:${port}` } })));
    return new RpcConnection(socket);
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const mark = this.buffered.readUInt32BE(0);
      const length = mark & 0x7fffffff;
      if (length > MAX_REPLY) {
        this.socket.destroy(new NfsError({ key: "nfsOversized" }));
        return;
      }
      if (this.buffered.length < 4 + length) return;
      this.fragments.push(this.buffered.subarray(4, 4 + length));
      this.buffered = this.buffered.subarray(4 + length);
      if (mark & 0x80000000) {
        const record = Buffer.concat(this.fragments);
        this.fragments = [];
        this.pending?.resolve(record);
        this.pending = null;
      }
    }
  }

  /** COMPOUND with `ops` written by `writeOps`; resolves a reader positioned at the first op's result. */
  async compound(opCount: number, writeOps: (w: XdrWriter) => void): Promise<XdrReader> {
    if (this.failure) throw this.failure;
    const xid = (this.xid = (this.xid + 1) >>> 0);
    const w = new XdrWriter();
    w.uint(0); // record mark, patched below
    for (const v of [xid, 0 /* CALL */, 2 /* RPC version */, NFS_PROGRAM, NFS_V4, PROC_COMPOUND]) w.uint(v);
    // AUTH_SYS as root on a machine called "virt-console"; exports readable by anyone are what trees use.
    const cred = new XdrWriter();
    cred.uint(0);
    cred.string("virt-console", 255);
    for (const v of [0, 0, 0]) cred.uint(v); // uid, gid, no extra groups
    w.uint(AUTH_SYS);
    w.varOpaque(cred.toBuffer(), 400);
    w.uint(0); // verifier: AUTH_NONE
    w.uint(0);
    w.varOpaque(Buffer.alloc(0), 0); // tag
    w.uint(0); // minor version
    w.uint(opCount);
    writeOps(w);
    const call = w.toBuffer();
    call.writeUInt32BE((0x80000000 | (call.length - 4)) >>> 0, 0);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(call);
    });
    const r = new XdrReader(reply);
    if (r.uint() !== xid || r.uint() !== 1 /* REPLY */) throw new NfsError({ key: "nfsOutOfOrder" });
    if (r.uint() !== 0) throw new NfsError({ key: "nfsAuthRefused" });
    r.uint(); // verifier flavor
    r.varOpaque(400);
    const accepted = r.uint();
    if (accepted !== 0)
      throw new NfsError(accepted === 2 ? { key: "nfsNotV4" } : { key: "nfsNotAccepted", values: { code: String(accepted) } });
    const status = r.uint();
    r.varOpaque(1024); // tag
    r.uint(); // result count
    if (status !== 0) {
      // The first failing op's own status follows the ops that succeeded; the overall status says enough.
      throw new NfsError(nfsStatus(status));
    }
    return r;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Reads one op's result header and checks it is the op expected and succeeded. */
function opResult(r: XdrReader, op: number): void {
  const got = r.uint();
  const status = r.uint();
  if (got !== op || status !== 0) throw new NfsError(nfsStatus(status));
}

async function lookup(rpc: RpcConnection, components: string[]): Promise<{ fh: Buffer; size: number }> {
  const r = await rpc.compound(components.length + 3, (w) => {
    w.uint(OP.PUTROOTFH);
    for (const name of components) {
      w.uint(OP.LOOKUP);
      w.string(name, 255);
    }
    w.uint(OP.GETFH);
    w.uint(OP.GETATTR);
    w.uint(1); // bitmap words
    w.uint(1 << FATTR4_SIZE);
  });
  opResult(r, OP.PUTROOTFH);
  for (let i = 0; i < components.length; i++) opResult(r, OP.LOOKUP);
  opResult(r, OP.GETFH);
  const fh = r.varOpaque(128);
  opResult(r, OP.GETATTR);
  const words = r.arrayLength(8);
  for (let i = 0; i < words; i++) r.uint();
  const attrs = new XdrReader(r.varOpaque(1024));
  return { fh, size: Number(attrs.uhyper()) };
}

async function read(rpc: RpcConnection, fh: Buffer, offset: bigint): Promise<{ data: Buffer; eof: boolean }> {
  const r = await rpc.compound(2, (w) => {
    w.uint(OP.PUTFH);
    w.varOpaque(fh, 128);
    w.uint(OP.READ);
    w.uint(0); // the anonymous stateid: seqid 0, other all zeros
    w.fixedOpaque(Buffer.alloc(12), 12);
    w.uhyper(offset);
    w.uint(READ_CHUNK);
  });
  opResult(r, OP.PUTFH);
  opResult(r, OP.READ);
  const eof = r.bool();
  return { data: r.varOpaque(READ_CHUNK), eof };
}

/**
 * A file's size and bytes from `nfs://host[:port]/path` (the path as the server's NFSv4 namespace shows
 * it); `dial` opens the connection (the guarded one in the console: lib/server/net/guarded-connect.ts).
 */
export async function openNfsFile(
  url: URL,
  { dial, timeoutMs }: { dial: Dialer; timeoutMs: number },
): Promise<{ size: number; body: Readable }> {
  const components = decodeURIComponent(url.pathname).split("/").filter(Boolean);
  const rpc = await RpcConnection.open(dial, url.hostname, Number(url.port || 2049), timeoutMs);
  try {
    const { fh, size } = await lookup(rpc, components);
    let offset = 0n;
    let done = false;
    const body = new Readable({
      async read() {
        if (done) return;
        try {
          const chunk = await read(rpc, fh, offset);
          offset += BigInt(chunk.data.length);
          done = chunk.eof || chunk.data.length === 0;
          if (chunk.data.length) this.push(chunk.data);
          if (done) {
            this.push(null);
            rpc.close();
          }
        } catch (err) {
          this.destroy(err as Error);
        }
      },
      destroy(err, callback) {
        rpc.close();
        callback(err);
      },
    });
    return { size, body };
  } catch (err) {
    rpc.close();
    throw err;
  }
}
