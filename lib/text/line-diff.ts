// A line diff for previewing hand-edited XML before it is defined. Browser-safe and dependency-free;
// guest definitions are a few hundred lines, so the quadratic LCS table is cheap enough.

export type DiffLine = { kind: "same" | "added" | "removed"; text: string; oldLine: number | null; newLine: number | null };

const splitLines = (text: string): string[] => (text === "" ? [] : text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n"));

/** Lines of `before` and `after` in order, each marked as kept, removed or added (longest common subsequence). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common head and tail are kept as they are: hand edits usually touch a few lines in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
  const rows = midA.length + 1;
  const cols = midB.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = midA[i] === midB[j] ? lcs[(i + 1) * cols + j + 1] + 1 : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }

  const out: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  const same = (text: string) => out.push({ kind: "same", text, oldLine: oldNo++, newLine: newNo++ });
  const removed = (text: string) => out.push({ kind: "removed", text, oldLine: oldNo++, newLine: null });
  const added = (text: string) => out.push({ kind: "added", text, oldLine: null, newLine: newNo++ });

  a.slice(0, head).forEach(same);
  let i = 0;
  let j = 0;
  while (i < midA.length && j < midB.length) {
    if (midA[i] === midB[j]) {
      same(midA[i++]);
      j++;
    } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
      removed(midA[i++]);
    } else {
      added(midB[j++]);
    }
  }
  while (i < midA.length) removed(midA[i++]);
  while (j < midB.length) added(midB[j++]);
  a.slice(a.length - tail).forEach(same);
  return out;
}

/** True when the diff changes anything. */
export const hasChanges = (diff: DiffLine[]): boolean => diff.some((l) => l.kind !== "same");
