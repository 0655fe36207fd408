import { OvaProblem } from "./problems";

/** A regular file inside the archive: where its bytes start and how many there are. */
export type TarEntry = { name: string; offset: number; size: number };

const BLOCK = 512;
/** Reads `length` bytes at `offset` of the archive (fewer at its end). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const text = (b: Buffer, from: number, length: number) => {
  const field = b.subarray(from, from + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString("utf8");
};

/** A numeric field: octal digits, or (GNU) base-256 when the first byte's high bit is set. */
function number(b: Buffer, from: number, length: number): number {
  const field = b.subarray(from, from + length);
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const digits = text(b, from, length).trim();
  if (!/^[0-7]*$/.test(digits)) throw new OvaProblem("ovaBadHeader");
  return digits ? parseInt(digits, 8) : 0;
}

/** The header's checksum: its bytes summed with the checksum field read as spaces. */
function checksumOk(b: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : b[i];
  return number(b, 148, 8) === sum;
}

/** pax extended header records ("<len> key=value\n"): only path and size matter here. */
function paxRecords(data: Buffer): Record<string, string> {
  const found: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(data.subarray(at, space).toString("ascii"));
    if (!Number.isInteger(length) || length <= 0) throw new OvaProblem("ovaBadHeader");
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) found[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return found;
}

/**
 * An OVA's members sit side by side at its top: a name with a directory, "..", a leading dot or a
 * control character is refused, never cleaned up, as it could only be a mistake or an attack.
 */
export function safeMemberName(raw: string): string {
  const name = raw.startsWith("./") ? raw.slice(2) : raw;
  if (!name || name.length > 255 || /[/\\\0-\x1f]/.test(name) || name.startsWith(".")) throw new OvaProblem("ovaUnsafeName", { name: raw });
  return name;
}

/**
 * Lists the regular files of a tar archive (ustar, pax and GNU long names), with their places, without
 * copying anything. Links, devices and directories are refused (an OVA has none), as is an archive that
 * ends inside a member, a header whose checksum is wrong, and the same name twice.
 */
export async function listTar(read: ReadAt, totalBytes: number): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | null = null;
  let pax: Record<string, string> = {};
  const readAll = async (at: number, length: number) => {
    const got = await read(at, length);
    if (got.length < length) throw new OvaProblem("ovaTruncated");
    return got;
  };
  while (offset + BLOCK <= totalBytes) {
    const header = await readAll(offset, BLOCK);
    if (header.every((byte) => byte === 0)) return finish(entries);
    if (!checksumOk(header)) throw new OvaProblem("ovaBadHeader");
    const type = String.fromCharCode(header[156] || 0x30);
    const declared = number(header, 124, 12);
    const size = pax.size !== undefined ? Number(pax.size) : declared;
    const dataAt = offset + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0) throw new OvaProblem("ovaBadHeader");
    if (dataAt + size > totalBytes) throw new OvaProblem("ovaTruncated");
    const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    const prefix = text(header, 345, 155);
    const plain = text(header, 0, 100);
    const headerName = prefix ? `${prefix}/${plain}` : plain;
    if (type === "x") pax = paxRecords(await readAll(dataAt, size));
    else if (type === "L") longName = text(await readAll(dataAt, size), 0, size);
    else if (type === "g") {
      // A global pax header sets defaults for the whole archive: none of them matter here.
    } else {
      const name = safeMemberName(pax.path ?? longName ?? headerName);
      if (type !== "0" && type !== "7") throw new OvaProblem("ovaLink", { name });
      if (entries.some((e) => e.name === name)) throw new OvaProblem("ovaDuplicate", { name });
      entries.push({ name, offset: dataAt, size });
      pax = {};
      longName = null;
    }
    offset = next;
  }
  // No end-of-archive blocks: fine when the last member ended exactly at the end of the file.
  if (offset !== totalBytes) throw new OvaProblem("ovaTruncated");
  return finish(entries);
}

function finish(entries: TarEntry[]): TarEntry[] {
  if (!entries.some((e) => e.name.toLowerCase().endsWith(".ovf"))) throw new OvaProblem("ovaNoOvf");
  return entries;
}
