import "server-only";
import { constants, createCipheriv, createPublicKey, publicEncrypt } from "node:crypto";
import { consoleError } from "./console-error";

/** One end of a connection during a handshake: exact reads, writes. */
export type Side = { read(n: number): Promise<Buffer>; write(data: Buffer): void };

/** Runs before the bytes flow freely: answers the display's authentication so the browser never needs the password. */
export type Handshake = (browser: Side, display: Side) => Promise<void>;

const RFB_VERSION = Buffer.from("RFB 003.008\n", "latin1");
const SECURITY_NONE = 1;
const SECURITY_VNC_AUTH = 2;

async function readReason(side: Side): Promise<string> {
  const length = (await side.read(4)).readUInt32BE(0);
  return (await side.read(Math.min(length, 4096))).toString("utf8");
}

/**
 * Every VNC session (RFB 3.8): the relay logs in to the guest's VNC server itself, with the password from
 * the guest's XML or with None, and offers the browser security type None on a handshake of its own, so
 * that the browser never needs the password and the relay knows where the browser's messages begin
 * (ClientInit onwards, read by RfbInput). Both sides run at once; the browser gets its SecurityResult only
 * after the display accepted the relay, so a refusal never looks like a success.
 */
export function vncAuth(password: string | null): Handshake {
  return async (browser, display) => {
    const browserSide = (async () => {
      browser.write(RFB_VERSION);
      if (!(await browser.read(12)).toString("latin1").startsWith("RFB 003.")) throw consoleError("browserNotRfb");
      browser.write(Buffer.from([1, SECURITY_NONE]));
      await browser.read(1);
    })();
    // Whichever side fails first ends the handshake.
    await Promise.all([browserSide, vncLogin(display, password)]);
    browser.write(Buffer.alloc(4)); // SecurityResult: OK
  };
}

async function vncLogin(display: Side, password: string | null): Promise<void> {
  if (!/^RFB 003\.00[78]\n$/.test((await display.read(12)).toString("latin1"))) throw consoleError("displayNotRfb");
  display.write(RFB_VERSION);
  const count = (await display.read(1))[0];
  if (count === 0) throw consoleError("vncServerSaid", { reason: await readReason(display) });
  const offered = [...(await display.read(count))];
  if (password !== null && offered.includes(SECURITY_VNC_AUTH)) {
    display.write(Buffer.from([SECURITY_VNC_AUTH]));
    display.write(vncAuthResponse(await display.read(16), password));
  } else if (offered.includes(SECURITY_NONE)) display.write(Buffer.from([SECURITY_NONE]));
  else if (offered.includes(SECURITY_VNC_AUTH)) throw consoleError("vncNeedsPassword");
  else throw consoleError("vncUnknownAuth", { types: offered.join(", ") });
  if ((await display.read(4)).readUInt32BE(0) !== 0) throw consoleError("vncPasswordRefused", { reason: await readReason(display) });
}

const reverseBits = (b: number) => parseInt(b.toString(2).padStart(8, "0").split("").reverse().join(""), 2);

/**
 * VNC authentication's answer: the 16-byte challenge DES-encrypted with the password (first 8 bytes,
 * each byte's bits reversed, as RFB requires). Single DES is run as 3DES with one key three times, which
 * is the same cipher and is in OpenSSL 3's default provider.
 */
export function vncAuthResponse(challenge: Buffer, password: string): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, "latin1").copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) key[i] = reverseBits(key[i]);
  const cipher = createCipheriv("des-ede3-ecb", Buffer.concat([key, key, key]), null).setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}

const SPICE_MAGIC = 0x51444552; // "REDQ"
const SPICE_PUBKEY_BYTES = 162;
const SPICE_TICKET_BYTES = 128;
const CAP_AUTH_SELECTION = 1 << 0;
const AUTH_SPICE = 1;
const MAX_LINK_MESSAGE = 4096;

/**
 * SPICE link on every channel: the link messages pass through as they are, but the browser's ticket
 * (its password encrypted with the server's key) is replaced by the guest's real password, encrypted by
 * the relay. With no password set, SPICE ignores the ticket.
 */
export function spicePasswordAuth(password: string | null): Handshake {
  return async (browser, display) => {
    const header = await browser.read(16);
    const size = header.readUInt32LE(12);
    if (header.readUInt32LE(0) !== SPICE_MAGIC || size > MAX_LINK_MESSAGE) throw consoleError("browserNotSpice");
    const link = await browser.read(size);
    display.write(Buffer.concat([header, link]));

    const replyHeader = await display.read(16);
    const replySize = replyHeader.readUInt32LE(12);
    if (replyHeader.readUInt32LE(0) !== SPICE_MAGIC || replySize > MAX_LINK_MESSAGE) throw consoleError("displayNotSpice");
    const reply = await display.read(replySize);
    browser.write(Buffer.concat([replyHeader, reply]));
    if (reply.readUInt32LE(0) !== 0) return; // a link error: the client reports it

    const selectsAuth = hasCommonCap(link, CAP_AUTH_SELECTION);
    await browser.read((selectsAuth ? 4 : 0) + SPICE_TICKET_BYTES);
    const key = createPublicKey({ key: reply.subarray(4, 4 + SPICE_PUBKEY_BYTES), format: "der", type: "spki" });
    const ticket = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
      Buffer.from(`${password ?? ""}\0`, "utf8"),
    );
    const mechanism = Buffer.alloc(4);
    mechanism.writeUInt32LE(AUTH_SPICE);
    display.write(selectsAuth ? Buffer.concat([mechanism, ticket]) : ticket);
  };
}

/** SpiceLinkMess: connection id u32, channel type u8, channel id u8, common caps count u32, channel caps count u32, caps offset u32. */
function hasCommonCap(link: Buffer, bit: number): boolean {
  const count = link.readUInt32LE(6);
  const offset = link.readUInt32LE(14);
  return count > 0 && offset + 4 <= link.length && (link.readUInt32LE(offset) & bit) !== 0;
}
