// A writer for the "newc" cpio format (SVR4 without CRC), the one the Linux kernel unpacks from an
// initramfs: each entry is a 110-byte ASCII header, its name and its data, both padded to 4 bytes, and
// the archive ends with an entry named TRAILER!!!. Enough for a few small files at the archive's root.

export type CpioFile = { name: string; data: Buffer | string; mode?: number };

const MAGIC = "070701";
const pad4 = (n: number) => (4 - (n % 4)) % 4;
const hex8 = (n: number) => n.toString(16).padStart(8, "0");

function entry(name: string, data: Buffer, mode: number, ino: number, mtime: number): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, "utf8");
  const fields = [
    ino,
    mode,
    0, // uid: root
    0, // gid: root
    1, // nlink
    mtime,
    data.length,
    0, // devmajor
    0, // devminor
    0, // rdevmajor
    0, // rdevminor
    nameBytes.length,
    0, // check: newc has none
  ];
  const header = Buffer.from(MAGIC + fields.map(hex8).join(""), "ascii");
  return Buffer.concat([header, nameBytes, Buffer.alloc(pad4(header.length + nameBytes.length)), data, Buffer.alloc(pad4(data.length))]);
}

/** A newc archive of regular files (mode 0600 unless given), owned by root. */
export function cpioNewc(files: CpioFile[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts = files.map((f, i) => {
    if (!f.name || f.name.startsWith("/") || f.name.split("/").includes("..")) throw new Error(`cpio: bad name ${f.name}`);
    const data = typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data;
    return entry(f.name, data, 0o100000 | (f.mode ?? 0o600), i + 1, mtime);
  });
  parts.push(entry("TRAILER!!!", Buffer.alloc(0), 0, 0, 0));
  return Buffer.concat(parts);
}
