import "server-only";

const MAX_LINE = 4000;

// Terminal control sequences: CSI (colours, cursor moves, the shell's "\e[6n"), OSC (window titles) and
// two-byte escapes. What remains is what a person reads.
const CONTROL = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** One line as a person reads it: escapes gone, and a carriage return overwrites what came before it. */
export function cleanLine(raw: string): string {
  const parts = raw.split("\r").filter((p, i, all) => p !== "" || i === all.length - 1);
  const last = [...parts].reverse().find((p) => p.replace(CONTROL, "") !== "") ?? "";
  return last.replace(CONTROL, "").slice(0, MAX_LINE);
}

/**
 * Cuts bytes read from a log file into whole lines. `consumed` is how far the bytes were used: up to the
 * last newline, or everything when the unfinished tail (a prompt waiting for input) is to be kept as a line
 * too.
 */
export function splitLines(bytes: Buffer, takeTail: boolean): { lines: string[]; consumed: number } {
  const end = takeTail ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
  if (end <= 0) return { lines: [], consumed: 0 };
  const text = bytes.subarray(0, end).toString("utf8");
  const pieces = text.split("\n");
  if (pieces.at(-1) === "") pieces.pop();
  return { lines: pieces.map(cleanLine), consumed: end };
}
