import path from "node:path";

import { readOsinfoDb } from "@/lib/osinfo";

export const FIXTURE_ROOT = path.resolve(__dirname, "../../fixtures/osinfo");

/** The hand-written tree in tests/fixtures/osinfo (see its README). */
export const fixtureDb = () => readOsinfoDb(FIXTURE_ROOT);

export const byShortId = (shortId: string) => {
  const entry = fixtureDb().get(shortId);
  if (!entry) throw new Error(`fixture OS ${shortId} missing`);
  return entry;
};

export interface PvdFields {
  systemId?: string;
  volumeId: string;
  publisherId?: string;
  applicationId?: string;
  /** Logical blocks of 2048 bytes. */
  volumeBlocks?: number;
}

const SECTOR = 2048;

function writeDescriptorHeader(buffer: Buffer, sector: number, type: number): number {
  const offset = sector * SECTOR;
  buffer[offset] = type;
  buffer.write("CD001", offset + 1, "latin1");
  buffer[offset + 6] = 1; // descriptor version
  return offset;
}

/**
 * The first 64 KiB of an ISO 9660 image built by hand: an optional boot record at sector 16,
 * the Primary Volume Descriptor, then the set terminator (ECMA-119 §8).
 */
export function isoHeader(fields: PvdFields, options: { bootRecordFirst?: boolean } = {}): Buffer {
  const buffer = Buffer.alloc(64 * 1024);
  let sector = 16;
  if (options.bootRecordFirst) writeDescriptorHeader(buffer, sector++, 0);
  const pvd = writeDescriptorHeader(buffer, sector++, 1);
  const put = (offset: number, length: number, value = "") => buffer.write(value.padEnd(length, " "), pvd + offset, length, "latin1");
  put(8, 32, fields.systemId);
  put(40, 32, fields.volumeId);
  put(318, 128, fields.publisherId);
  put(574, 128, fields.applicationId);
  buffer.writeUInt32LE(fields.volumeBlocks ?? 0, pvd + 80);
  buffer.writeUInt32BE(fields.volumeBlocks ?? 0, pvd + 84);
  buffer.writeUInt16LE(SECTOR, pvd + 128);
  buffer.writeUInt16BE(SECTOR, pvd + 130);
  writeDescriptorHeader(buffer, sector, 255);
  return buffer;
}
