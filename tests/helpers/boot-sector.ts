// Raw disk images whose MBR boot sector prints a short text to the first serial port and halts.
// Tests use them to see which disk the firmware booted (boot order) without any OS: the guest's
// serial output is exactly the text of the disk that booted.
import { writeFileSync } from "node:fs";

const SECTOR = 512;
/** Where SeaBIOS loads the boot sector; the code's absolute address of its message depends on it. */
const LOAD_ADDRESS = 0x7c00;
const COM1 = 0x3f8;

/** 16-bit real-mode code; the message follows it directly. Offsets are from the sector start. */
function code(messageOffset: number): number[] {
  const msg = LOAD_ADDRESS + messageOffset;
  return [
    0xfa, //                          00 cli               no interrupts: nothing may disturb the halt
    0xfc, //                          01 cld               lodsb counts upwards
    0x31,
    0xc0, //                    02 xor ax,ax
    0x8e,
    0xd8, //                    04 mov ds,ax         message read from 0000:msg
    0xbe,
    msg & 0xff,
    msg >> 8, //    06 mov si,msg
    0xba,
    COM1 & 0xff,
    COM1 >> 8, //  09 mov dx,0x3f8      COM1 data register (QEMU needs no UART setup)
    0xac, //                          0C loop: lodsb       al = [ds:si], si++
    0x84,
    0xc0, //                    0D test al,al
    0x74,
    0x03, //                    0F jz done (0x14)    NUL ends the message
    0xee, //                          11 out dx,al
    0xeb,
    0xf8, //                    12 jmp loop (0x0C)
    0xf4, //                          14 done: hlt
    0xeb,
    0xfd, //                    15 jmp done (0x14)   an NMI would wake hlt; halt again
  ];
}
const CODE_LENGTH = code(0).length; // 0x17

/** The 512-byte boot sector printing `text` followed by CRLF. */
export function bootSector(text: string): Buffer {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error("boot sector text must be printable ASCII");
  const message = Buffer.from(`${text}\r\n\0`, "latin1");
  if (CODE_LENGTH + message.length > 510) throw new Error("boot sector text too long");
  const sector = Buffer.alloc(SECTOR);
  Buffer.from(code(CODE_LENGTH)).copy(sector, 0);
  message.copy(sector, CODE_LENGTH);
  // The signature SeaBIOS checks before it jumps to a disk's first sector.
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

/** Writes a raw disk image (1 MiB unless told) whose boot sector prints `text` on COM1. */
export function writeBootDisk(file: string, text: string, sizeBytes = 1024 * 1024): void {
  const image = Buffer.alloc(sizeBytes);
  bootSector(text).copy(image, 0);
  writeFileSync(file, image);
}
