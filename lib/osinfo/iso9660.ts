import { open } from "node:fs/promises";

/** Identifiers from an ISO 9660 Primary Volume Descriptor, trailing padding removed. */
export interface IsoIdentity {
  systemId: string;
  volumeId: string;
  publisherId: string;
  applicationId: string;
  /** Volume space size × logical block size, as osinfo's `<volume-size>` counts it. */
  volumeSizeBytes: number;
}

export class NotAnIsoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotAnIsoError";
  }
}

const SECTOR_SIZE = 2048;
const FIRST_DESCRIPTOR_SECTOR = 16;
/** Enough for the system area plus a handful of volume descriptors. */
export const ISO_HEADER_BYTES = 64 * 1024;

const DESCRIPTOR_PRIMARY = 1;
const DESCRIPTOR_TERMINATOR = 255;

// Field offsets inside a volume descriptor (ECMA-119 §8.4).
const FIELD = {
  systemId: [8, 32],
  volumeId: [40, 32],
  publisherId: [318, 128],
  applicationId: [574, 128],
} as const;
const VOLUME_SPACE_SIZE_LE = 80;
const LOGICAL_BLOCK_SIZE_LE = 128;

function readPaddedText(descriptor: Buffer, [offset, length]: readonly [number, number]): string {
  // a-characters and d-characters are ASCII; unused bytes are spaces (some writers use NULs).
  return descriptor.toString("latin1", offset, offset + length).replace(/[\s\0]+$/, "");
}

/**
 * Reads the PVD from the start of an ISO image. `header` must hold at least the first
 * 34 KiB (sector 16 and the PVD); passing ISO_HEADER_BYTES lets descriptors that come
 * before the PVD be skipped.
 */
export function readIsoIdentity(header: Uint8Array): IsoIdentity {
  const bytes = Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  for (let sector = FIRST_DESCRIPTOR_SECTOR; (sector + 1) * SECTOR_SIZE <= bytes.length; sector++) {
    const descriptor = bytes.subarray(sector * SECTOR_SIZE, (sector + 1) * SECTOR_SIZE);
    if (descriptor.toString("latin1", 1, 6) !== "CD001") {
      throw new NotAnIsoError(`sector ${sector} is not an ISO 9660 volume descriptor (no "CD001" signature)`);
    }
    const type = descriptor[0];
    if (type === DESCRIPTOR_TERMINATOR) break;
    if (type !== DESCRIPTOR_PRIMARY) continue;
    return {
      systemId: readPaddedText(descriptor, FIELD.systemId),
      volumeId: readPaddedText(descriptor, FIELD.volumeId),
      publisherId: readPaddedText(descriptor, FIELD.publisherId),
      applicationId: readPaddedText(descriptor, FIELD.applicationId),
      volumeSizeBytes: descriptor.readUInt32LE(VOLUME_SPACE_SIZE_LE) * descriptor.readUInt16LE(LOGICAL_BLOCK_SIZE_LE),
    };
  }
  if (bytes.length < (FIRST_DESCRIPTOR_SECTOR + 1) * SECTOR_SIZE) {
    throw new NotAnIsoError(`need at least ${(FIRST_DESCRIPTOR_SECTOR + 1) * SECTOR_SIZE} bytes, got ${bytes.length}`);
  }
  throw new NotAnIsoError("no Primary Volume Descriptor found");
}

/** Reads the PVD of a local ISO file (only the first 64 KiB are read). */
export async function readIsoIdentityFromFile(filePath: string): Promise<IsoIdentity> {
  const file = await open(filePath, "r");
  try {
    const header = Buffer.alloc(ISO_HEADER_BYTES);
    const { bytesRead } = await file.read(header, 0, ISO_HEADER_BYTES, 0);
    return readIsoIdentity(header.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}
