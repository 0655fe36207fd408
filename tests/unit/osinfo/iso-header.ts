/** Builds the first 64 KiB of an ISO 9660 image by hand: descriptors from sector 16 on. */
const SECTOR = 2048;

export interface PvdFields {
  systemId?: string;
  volumeId?: string;
  publisherId?: string;
  applicationId?: string;
  volumeBlocks?: number;
  /** Byte used to pad the text fields (ISO says space; some writers leave NULs). */
  padding?: string;
}

function writePadded(buffer: Buffer, offset: number, length: number, value: string, padding: string) {
  buffer.fill(padding, offset, offset + length, "latin1");
  buffer.write(value, offset, length, "latin1");
}

function descriptor(buffer: Buffer, sector: number, type: number) {
  const start = sector * SECTOR;
  buffer[start] = type;
  buffer.write("CD001", start + 1, "latin1");
  buffer[start + 6] = 1;
  return start;
}

/** `leadingDescriptors` are type codes written before the PVD (e.g. 0 for an El Torito boot record). */
export function buildIsoHeader(fields: PvdFields, leadingDescriptors: number[] = []): Buffer {
  const buffer = Buffer.alloc(64 * 1024);
  const padding = fields.padding ?? " ";
  let sector = 16;
  for (const type of leadingDescriptors) descriptor(buffer, sector++, type);
  const pvd = descriptor(buffer, sector++, 1);
  writePadded(buffer, pvd + 8, 32, fields.systemId ?? "", padding);
  writePadded(buffer, pvd + 40, 32, fields.volumeId ?? "", padding);
  writePadded(buffer, pvd + 318, 128, fields.publisherId ?? "", padding);
  writePadded(buffer, pvd + 574, 128, fields.applicationId ?? "", padding);
  const blocks = fields.volumeBlocks ?? 1000;
  buffer.writeUInt32LE(blocks, pvd + 80);
  buffer.writeUInt32BE(blocks, pvd + 84);
  buffer.writeUInt16LE(SECTOR, pvd + 128);
  buffer.writeUInt16BE(SECTOR, pvd + 130);
  descriptor(buffer, sector, 255);
  return buffer;
}
