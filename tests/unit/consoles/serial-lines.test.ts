import { describe, expect, it } from "vitest";
import { cleanLine, splitLines } from "@/lib/server/consoles/serial-log/lines";

describe("serial log lines", () => {
  it("keeps whole lines and leaves an unfinished one for later", () => {
    const { lines, consumed } = splitLines(Buffer.from("one\r\ntwo\nthr"), false);
    expect(lines).toEqual(["one", "two"]);
    expect(consumed).toBe(9);
  });
  it("takes the unfinished tail when asked (a prompt that waits for input)", () => {
    expect(splitLines(Buffer.from("login: "), true)).toEqual({ lines: ["login: "], consumed: 7 });
    expect(splitLines(Buffer.from("no newline yet"), false)).toEqual({ lines: [], consumed: 0 });
  });
  it("removes colours, cursor queries and titles, and lets a carriage return overwrite", () => {
    expect(cleanLine("\x1b[1;32mOK\x1b[0m done")).toBe("OK done");
    expect(cleanLine("/ # \x1b[6n")).toBe("/ # ");
    expect(cleanLine("\x1b]0;title\x07prompt$ ")).toBe("prompt$ ");
    expect(cleanLine("progress 10%\rprogress 100%\r")).toBe("progress 100%");
  });
  it("decodes UTF-8", () => {
    expect(splitLines(Buffer.from("Привет мир\n"), false).lines).toEqual(["Привет мир"]);
  });
});
