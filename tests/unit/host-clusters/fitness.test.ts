import { describe, expect, it } from "vitest";
import { fitnessProblems, readBaselineProblem } from "@/lib/host-clusters/fitness";

describe("fitnessProblems", () => {
  const present = {
    networks: [
      { name: "default", active: true },
      { name: "lab", active: false },
    ],
    pools: [{ name: "shared", active: true }],
  };

  it("is empty when the member has every required network and pool running", () => {
    expect(fitnessProblems({ networks: ["default"], pools: ["shared"] }, present)).toEqual([]);
    expect(fitnessProblems({ networks: [], pools: [] }, { networks: [], pools: [] })).toEqual([]);
  });

  it("names each missing or stopped network and pool", () => {
    expect(fitnessProblems({ networks: ["default", "x", "lab"], pools: ["shared", "nfs"] }, present)).toEqual([
      { key: "noNetwork", name: "x" },
      { key: "networkStopped", name: "lab" },
      { key: "noPool", name: "nfs" },
    ]);
  });
});

describe("readBaselineProblem", () => {
  it("reads a stored problem with a key, and keeps an older row's text as it is", () => {
    const stored = JSON.stringify({ key: "libvirtFailed", error: "unsupported configuration" });
    expect(readBaselineProblem(stored)).toEqual({ key: "libvirtFailed", error: "unsupported configuration" });
    expect(readBaselineProblem("Computed without peer (not connected: refused)")).toBe("Computed without peer (not connected: refused)");
    expect(readBaselineProblem('{"key":"somethingElse"}')).toBe('{"key":"somethingElse"}');
    expect(readBaselineProblem(null)).toBeNull();
  });
});
