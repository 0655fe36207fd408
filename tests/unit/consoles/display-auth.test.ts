import { generateKeyPairSync, constants, privateDecrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ByteQueue } from "@/lib/server/consoles/byte-queue";
import { spicePasswordAuth, vncAuthResponse, vncAuth, type Side } from "@/lib/server/consoles/display-auth";

/** Two ends of a pipe: what the relay writes to `relay` the peer reads from `peer`, and the other way. */
function pipe(): { relay: Side; peer: Side } {
  const toPeer = new ByteQueue();
  const toRelay = new ByteQueue();
  return {
    relay: { read: (n) => toRelay.read(n), write: (d) => toPeer.push(Buffer.from(d)) },
    peer: { read: (n) => toPeer.read(n), write: (d) => toRelay.push(Buffer.from(d)) },
  };
}

const u32be = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const challenge = Buffer.from(Array.from({ length: 16 }, (_, i) => i));

describe("VNC authentication", () => {
  it("answers the challenge as RFB wants (known answer computed with OpenSSL's legacy DES)", () => {
    expect(vncAuthResponse(challenge, "secret12").toString("hex")).toBe("adcd997f8e16fee575e973f93c2b62b4");
    // Only the first 8 characters count.
    expect(vncAuthResponse(challenge, "secret12-and-more")).toEqual(vncAuthResponse(challenge, "secret12"));
  });

  it("logs in to the VNC server itself and offers the browser no authentication", async () => {
    const browser = pipe();
    const display = pipe();
    const relay = vncAuth("secret12")(browser.relay, display.relay);

    display.peer.write(Buffer.from("RFB 003.008\n"));
    expect((await display.peer.read(12)).toString()).toBe("RFB 003.008\n");
    display.peer.write(Buffer.from([1, 2])); // one type: VNC authentication
    expect([...(await display.peer.read(1))]).toEqual([2]);
    display.peer.write(challenge);
    expect((await display.peer.read(16)).toString("hex")).toBe("adcd997f8e16fee575e973f93c2b62b4");
    display.peer.write(u32be(0));

    expect((await browser.peer.read(12)).toString()).toBe("RFB 003.008\n");
    browser.peer.write(Buffer.from("RFB 003.008\n"));
    expect([...(await browser.peer.read(2))]).toEqual([1, 1]); // one type: None
    browser.peer.write(Buffer.from([1]));
    expect([...(await browser.peer.read(4))]).toEqual([0, 0, 0, 0]);
    await relay;
  });

  it("says why when the VNC server refuses the password, and the browser never hears that it may go on", async () => {
    const browser = pipe();
    const display = pipe();
    const relay = vncAuth("wrong")(browser.relay, display.relay);
    display.peer.write(Buffer.from("RFB 003.008\n"));
    display.peer.write(Buffer.from([1, 2]));
    display.peer.write(challenge);
    display.peer.write(Buffer.concat([u32be(1), u32be(20), Buffer.from("Authentication failed")]));
    browser.peer.write(Buffer.from("RFB 003.008\n"));
    browser.peer.write(Buffer.from([1]));
    await expect(relay).rejects.toThrow("The VNC server refused the display password: Authentication fail");
    // Version and security types only: no SecurityResult follows.
    expect((await browser.peer.read(14)).subarray(12)).toEqual(Buffer.from([1, 1]));
    let more = false;
    void browser.peer.read(1).then(() => (more = true));
    await new Promise((r) => setImmediate(r));
    expect(more).toBe(false);
  });

  it("uses security type None with a display that has no password, and talks to both sides at once", async () => {
    const browser = pipe();
    const display = pipe();
    const relay = vncAuth(null)(browser.relay, display.relay);
    // The browser's side starts before the display has said anything.
    expect((await browser.peer.read(12)).toString()).toBe("RFB 003.008\n");
    browser.peer.write(Buffer.from("RFB 003.008\n"));
    expect([...(await browser.peer.read(2))]).toEqual([1, 1]);
    browser.peer.write(Buffer.from([1]));
    display.peer.write(Buffer.from("RFB 003.008\n"));
    expect((await display.peer.read(12)).toString()).toBe("RFB 003.008\n");
    display.peer.write(Buffer.from([1, 1]));
    expect([...(await display.peer.read(1))]).toEqual([1]);
    display.peer.write(u32be(0));
    await relay;
    expect([...(await browser.peer.read(4))]).toEqual([0, 0, 0, 0]);
  });

  it("says so when the display wants a password the guest's definition does not have", async () => {
    const browser = pipe();
    const display = pipe();
    const relay = vncAuth(null)(browser.relay, display.relay);
    display.peer.write(Buffer.from("RFB 003.008\n"));
    display.peer.write(Buffer.from([1, 2]));
    await expect(relay).rejects.toThrow("asks for a password");
  });
});

describe("SPICE link", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const spki = publicKey.export({ format: "der", type: "spki" });

  function linkHeader(size: number): Buffer {
    const h = Buffer.alloc(16);
    h.write("REDQ", 0, "latin1");
    h.writeUInt32LE(2, 4);
    h.writeUInt32LE(2, 8);
    h.writeUInt32LE(size, 12);
    return h;
  }
  /** SpiceLinkMess with one common-caps word. */
  function linkMessage(commonCaps: number): Buffer {
    const m = Buffer.alloc(18 + 4);
    m.writeUInt8(1, 4); // main channel
    m.writeUInt32LE(1, 6);
    m.writeUInt32LE(0, 10);
    m.writeUInt32LE(18, 14);
    m.writeUInt32LE(commonCaps, 18);
    return m;
  }

  for (const [selects, caps] of [
    [true, 0b11],
    [false, 0b10],
  ] as const) {
    it(`passes the link through and puts in the guest's own password${selects ? " (with auth selection)" : ""}`, async () => {
      expect(spki.length).toBe(162);
      const browser = pipe();
      const display = pipe();
      const relay = spicePasswordAuth("s3cret")(browser.relay, display.relay);
      const message = linkMessage(caps);
      browser.peer.write(Buffer.concat([linkHeader(message.length), message]));
      const forwarded = await display.peer.read(16 + message.length);
      expect(forwarded.subarray(16)).toEqual(message);

      const reply = Buffer.concat([Buffer.alloc(4), spki, Buffer.alloc(12)]);
      display.peer.write(Buffer.concat([linkHeader(reply.length), reply]));
      expect((await browser.peer.read(16 + reply.length)).subarray(16)).toEqual(reply);
      // The browser sends its own (empty-password) ticket; it never reaches the display.
      browser.peer.write(Buffer.alloc((selects ? 4 : 0) + 128, 7));
      await relay;
      const sent = await display.peer.read((selects ? 4 : 0) + 128);
      if (selects) expect(sent.readUInt32LE(0)).toBe(1);
      const decrypted = privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
        sent.subarray(selects ? 4 : 0),
      );
      expect(decrypted.toString()).toBe("s3cret\0");
    });
  }

  it("refuses a browser that does not speak SPICE", async () => {
    const browser = pipe();
    const display = pipe();
    const relay = spicePasswordAuth(null)(browser.relay, display.relay);
    browser.peer.write(Buffer.from("GET / HTTP/1.1\r\n\r\n"));
    await expect(relay).rejects.toThrow("The browser did not speak SPICE");
  });
});
