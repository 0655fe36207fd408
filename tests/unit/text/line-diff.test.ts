import { describe, expect, it } from "vitest";
import { hasChanges, lineDiff } from "@/lib/text/line-diff";

const render = (before: string, after: string) =>
  lineDiff(before, after).map((l) => `${{ same: " ", added: "+", removed: "-" }[l.kind]}${l.text}`);

describe("lineDiff", () => {
  it("keeps identical text as unchanged lines", () => {
    const diff = lineDiff("a\nb\nc", "a\nb\nc");
    expect(diff.map((l) => l.kind)).toEqual(["same", "same", "same"]);
    expect(hasChanges(diff)).toBe(false);
  });

  it("marks a changed line as removed then added, in place", () => {
    expect(render("<a>\n  <b x='1'/>\n</a>", "<a>\n  <b x='2'/>\n</a>")).toEqual([" <a>", "-  <b x='1'/>", "+  <b x='2'/>", " </a>"]);
  });

  it("finds insertions and deletions between common lines", () => {
    expect(render("1\n2\n3\n4\n5", "1\n3\n4\nnew\n5")).toEqual([" 1", "-2", " 3", " 4", "+new", " 5"]);
  });

  it("numbers lines on both sides", () => {
    const diff = lineDiff("x\ny", "w\nx\ny");
    expect(diff).toEqual([
      { kind: "added", text: "w", oldLine: null, newLine: 1 },
      { kind: "same", text: "x", oldLine: 1, newLine: 2 },
      { kind: "same", text: "y", oldLine: 2, newLine: 3 },
    ]);
  });

  it("handles empty sides and a trailing newline or CRLF", () => {
    expect(render("", "a\nb\n")).toEqual(["+a", "+b"]);
    expect(render("a\nb\n", "")).toEqual(["-a", "-b"]);
    expect(hasChanges(lineDiff("a\r\nb\r\n", "a\nb"))).toBe(false);
  });

  it("keeps the longest common subsequence when lines move", () => {
    const diff = lineDiff("a\nb\nc\nd", "b\nc\nd\na");
    expect(diff.filter((l) => l.kind === "same").map((l) => l.text)).toEqual(["b", "c", "d"]);
    expect(diff.filter((l) => l.kind !== "same")).toHaveLength(2);
  });
});
