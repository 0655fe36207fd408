import { describe, expect, it } from "vitest";
import { fitnessProblems } from "@/lib/host-clusters/fitness";

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
      "no network 'x'",
      "network 'lab' is not running",
      "no storage pool 'nfs'",
    ]);
  });
});
