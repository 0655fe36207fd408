// The install-tree readers against fake servers on loopback (the transport boundary): multi-line FTP
// replies and refusals, and NFS replies that are garbage, oversized or cut off, end in clear errors,
// never a hang or an untyped crash. The real servers (pyftpdlib, NFS-Ganesha) are in the integration tests.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseCidr } from "@/lib/networks/addresses";
import { guardedDialer } from "@/lib/server/net/guarded-connect";
import { openFtpFile } from "@/lib/server/new-guest/ftp-file";
import { openNfsFile } from "@/lib/server/new-guest/nfs-file";

let server: net.Server | null = null;
/** Connections as the console makes them, with loopback allowed (the default refuses it). */
const reader = {
  dial: guardedDialer({ connectTimeoutMs: 2_000, policy: { allowed: [parseCidr("127.0.0.0/8")!], own: [] } }),
  timeoutMs: 2_000,
};

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

/** A loopback server that runs `talk` on each connection; resolves its port. */
async function fakeServer(talk: (socket: net.Socket) => void): Promise<number> {
  server = net.createServer(talk);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
}

/** An FTP dialogue: answers each command by its verb from `answers`. */
function ftpDialogue(answers: Record<string, string>, greeting = "220 ready\r\n") {
  return (socket: net.Socket) => {
    socket.write(greeting);
    let line = "";
    socket.on("data", (d) => {
      line += d.toString();
      for (let i = line.indexOf("\r\n"); i >= 0; i = line.indexOf("\r\n")) {
        const verb = line.slice(0, i).split(" ")[0];
        line = line.slice(i + 2);
        socket.write(answers[verb] ?? "502 not implemented\r\n");
      }
    });
  };
}

describe("FTP tree files", () => {
  it("reads a multi-line greeting and says the server's refusal of a missing file", async () => {
    const port = await fakeServer(
      ftpDialogue(
        {
          USER: "331 password please\r\n",
          PASS: "230-welcome\r\n  to the mirror\r\n230 ok\r\n",
          TYPE: "200 binary\r\n",
          SIZE: "550 /tree/.treeinfo: no such file\r\n",
        },
        "220-hello\r\n220 ready\r\n",
      ),
    );
    const refused = openFtpFile(new URL(`ftp://127.0.0.1:${port}/tree/.treeinfo`), reader);
    await expect(refused).rejects.toThrow("the FTP server answered 550 /tree/.treeinfo: no such file");
    // Said by key: the wizard says it in its reader's language (the server's reply as the server wrote it).
    await expect(refused).rejects.toMatchObject({ words: { key: "ftpAnswered", values: { reply: "550 /tree/.treeinfo: no such file" } } });
  });

  it("opens the data connection to the server it reached, whatever address PASV names (no FTP bounce)", async () => {
    const data = net.createServer((socket) => socket.end("tree"));
    await new Promise<void>((r) => data.listen(0, "127.0.0.1", r));
    const dataPort = (data.address() as net.AddressInfo).port;
    try {
      const port = await fakeServer(
        ftpDialogue({
          USER: "230 ok\r\n",
          TYPE: "200 binary\r\n",
          SIZE: "213 4\r\n",
          EPSV: "502 no\r\n",
          // The metadata service's address: the guarded dialer would refuse it, so reading at all shows it was not used.
          PASV: `227 Entering Passive Mode (169,254,169,254,${dataPort >> 8},${dataPort & 255})\r\n`,
          RETR: "150 here it comes\r\n226 done\r\n",
        }),
      );
      const file = await openFtpFile(new URL(`ftp://127.0.0.1:${port}/tree/.treeinfo`), reader);
      const chunks: Buffer[] = [];
      for await (const c of file.body) chunks.push(c as Buffer);
      expect({ size: file.size, text: Buffer.concat(chunks).toString() }).toEqual({ size: 4, text: "tree" });
    } finally {
      data.close();
    }
  });

  it("names the command a server refuses", async () => {
    const port = await fakeServer(ftpDialogue({ USER: "530 not logged in\r\n" }));
    await expect(openFtpFile(new URL(`ftp://127.0.0.1:${port}/x`), reader)).rejects.toThrow(
      "the FTP server refused USER: 530 not logged in",
    );
  });

  it("fails when the server hangs up mid-dialogue", async () => {
    const port = await fakeServer((socket) => socket.resume().end("220 ready\r\n"));
    await expect(openFtpFile(new URL(`ftp://127.0.0.1:${port}/x`), reader)).rejects.toThrow(/closed the connection/);
  });
});

describe("NFS tree files", () => {
  const record = (body: Buffer) =>
    Buffer.concat([
      Buffer.from([0x80 | (body.length >>> 24), (body.length >>> 16) & 0xff, (body.length >>> 8) & 0xff, body.length & 0xff]),
      body,
    ]);

  it("refuses a reply that is not an answer to its call", async () => {
    const port = await fakeServer((socket) => socket.once("data", () => socket.write(record(Buffer.from("garbage, not an RPC reply!")))));
    await expect(openNfsFile(new URL(`nfs://127.0.0.1:${port}/export/x`), reader)).rejects.toThrow(/out of order|XDR|beyond|truncated/i);
  });

  it("refuses an oversized reply without buffering it", async () => {
    const port = await fakeServer((socket) => socket.once("data", () => socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff]))));
    await expect(openNfsFile(new URL(`nfs://127.0.0.1:${port}/export/x`), reader)).rejects.toThrow(
      "the NFS server sent an oversized reply",
    );
  });

  it("fails when the server hangs up before answering", async () => {
    const port = await fakeServer((socket) => socket.once("data", () => socket.end()));
    await expect(openNfsFile(new URL(`nfs://127.0.0.1:${port}/export/x`), reader)).rejects.toThrow("the NFS server closed the connection");
  });
});
