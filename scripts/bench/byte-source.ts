// The console benchmark's byte source, in a process of its own so that it does not share the benchmark
// client's thread: answers PING with one byte, and BULK + u32 n with n bytes, as fast as the socket takes them.
// Usage (from console.ts, forked): byte-source.ts PORT; sends "ready" over IPC once it listens.
import { once } from "node:events";
import net from "node:net";
import { ByteQueue } from "../../lib/server/consoles/byte-queue";
import { PING } from "./support/byte-protocol";

function startByteSource(port: number): net.Server {
  const block = Buffer.alloc(1 << 20, 0x5a);
  const server = net.createServer({ noDelay: true }, (socket) => {
    const q = new ByteQueue();
    socket.on("data", (d: Buffer) => q.push(d)).on("close", () => q.fail(new Error("closed")));
    socket.on("error", () => undefined);
    void (async () => {
      for (;;) {
        if ((await q.read(1))[0] === PING) socket.write(Buffer.from([PING]));
        else
          for (let left = (await q.read(4)).readUInt32BE(0); left > 0; left -= block.length) {
            if (!socket.write(block.subarray(0, Math.min(left, block.length)))) await once(socket, "drain");
          }
      }
    })().catch(() => socket.destroy());
  });
  return server.listen(port, "127.0.0.1", () => process.send?.("ready"));
}

if (process.send) {
  startByteSource(Number(process.argv[2]));
  process.on("disconnect", () => process.exit(0));
}
