// What the console benchmark's byte source understands: PING, answered with one byte, and BULK + u32 n,
// answered with n bytes. Kept apart so the lean download client loads nothing else.
export const [PING, BULK] = [0x70, 0x62];

export const bulkRequest = (n: number): Buffer => Buffer.from([BULK, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
