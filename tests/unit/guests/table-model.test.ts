import { describe, expect, it } from "vitest";
import type { GuestRow } from "@/lib/guests/types";
import {
  filterGuests,
  ipSortKey,
  naturalKey,
  nextSort,
  parseHidden,
  rowKey,
  sortGuests,
  parseSearch,
  tagCounts,
  toggleSelection,
  toggleTagInSearch,
} from "@/components/guests/table-model";

const row = (over: Partial<GuestRow>): GuestRow => ({
  hostId: "h1",
  uuid: "00000000-0000-0000-0000-000000000000",
  name: "vm",
  title: null,
  tags: [],
  template: false,
  state: "shutoff",
  stateReason: "shutdown",
  persistent: true,
  autostart: false,
  hasManagedSave: false,
  vcpus: 1,
  memoryKiB: 1024,
  cpuPercent: null,
  memoryPercent: null,
  diskBytesPerSec: null,
  netBytesPerSec: null,
  runningSince: null,
  ipAddresses: [],
  ...over,
});

const hosts = new Map([
  ["h1", "alpha"],
  ["h2", "beta"],
]);
const rows = [
  row({ uuid: "1", name: "web10", state: "running", cpuPercent: 50, ipAddresses: ["10.0.0.10"], hostId: "h2" }),
  row({ uuid: "2", name: "web9", state: "paused", cpuPercent: 5, ipAddresses: ["10.0.0.9"], title: "Front end" }),
  row({ uuid: "3", name: "db", state: "shutoff" }),
];

describe("filterGuests", () => {
  it("matches every word against name, title, IPs and host name", () => {
    expect(filterGuests(rows, { search: "web", states: [] }, hosts).map((g) => g.name)).toEqual(["web10", "web9"]);
    expect(filterGuests(rows, { search: "front", states: [] }, hosts).map((g) => g.name)).toEqual(["web9"]);
    expect(filterGuests(rows, { search: "beta web", states: [] }, hosts).map((g) => g.name)).toEqual(["web10"]);
    expect(filterGuests(rows, { search: "10.0.0.9", states: [] }, hosts).map((g) => g.name)).toEqual(["web9"]);
  });
  it("filters by state", () => {
    expect(filterGuests(rows, { search: "", states: ["running", "paused"] }, hosts)).toHaveLength(2);
    expect(filterGuests(rows, { search: "", states: ["crashed"] }, hosts)).toHaveLength(0);
  });
});

describe("sortGuests", () => {
  it("sorts names naturally", () => {
    expect(sortGuests(rows, { column: "name", dir: "asc" }, hosts).map((g) => g.name)).toEqual(["db", "web9", "web10"]);
    expect(sortGuests(rows, { column: "name", dir: "desc" }, hosts).map((g) => g.name)).toEqual(["web10", "web9", "db"]);
  });
  it("keeps empty values last in both directions", () => {
    expect(sortGuests(rows, { column: "cpu", dir: "desc" }, hosts).map((g) => g.name)).toEqual(["web10", "web9", "db"]);
    expect(sortGuests(rows, { column: "cpu", dir: "asc" }, hosts).map((g) => g.name)).toEqual(["web9", "web10", "db"]);
  });
  it("sorts by state, host and IP", () => {
    expect(sortGuests(rows, { column: "state", dir: "asc" }, hosts).map((g) => g.state)).toEqual(["running", "paused", "shutoff"]);
    expect(sortGuests(rows, { column: "host", dir: "asc" }, hosts).map((g) => g.hostId)).toEqual(["h1", "h1", "h2"]);
    expect(sortGuests(rows, { column: "ips", dir: "asc" }, hosts).map((g) => g.name)).toEqual(["web9", "web10", "db"]);
    expect(ipSortKey("10.0.0.9") < ipSortKey("10.0.0.10")).toBe(true);
  });
  it("compares numbers inside names by value", () => {
    expect(naturalKey("Web10") > naturalKey("web9")).toBe(true);
    expect(naturalKey("a2b") < naturalKey("a10a")).toBe(true);
  });
  it("does not change the input", () => {
    const copy = [...rows];
    sortGuests(rows, { column: "name", dir: "asc" }, hosts);
    expect(rows).toEqual(copy);
  });
});

describe("nextSort", () => {
  it("flips the same column and starts numbers descending", () => {
    expect(nextSort({ column: "name", dir: "asc" }, "name")).toEqual({ column: "name", dir: "desc" });
    expect(nextSort({ column: "name", dir: "asc" }, "cpu")).toEqual({ column: "cpu", dir: "desc" });
    expect(nextSort({ column: "cpu", dir: "desc" }, "host")).toEqual({ column: "host", dir: "asc" });
  });
});

describe("toggleSelection", () => {
  const keys = ["a", "b", "c", "d", "e"];
  it("toggles one row without shift", () => {
    expect([...toggleSelection(new Set(), keys, "c", null, false)]).toEqual(["c"]);
    expect([...toggleSelection(new Set(["c"]), keys, "c", "c", false)]).toEqual([]);
  });
  it("selects the range from the anchor with shift, in either direction", () => {
    expect([...toggleSelection(new Set(["b"]), keys, "d", "b", true)].sort()).toEqual(["b", "c", "d"]);
    expect([...toggleSelection(new Set(["d"]), keys, "a", "d", true)].sort()).toEqual(["a", "b", "c", "d"]);
  });
  it("clears a range when the clicked row was selected", () => {
    expect([...toggleSelection(new Set(keys), keys, "d", "b", true)].sort()).toEqual(["a", "e"]);
  });
  it("treats an anchor that is gone as a plain click", () => {
    expect([...toggleSelection(new Set(), keys, "d", "zz", true)]).toEqual(["d"]);
  });
  it("keys rows by host and uuid", () => {
    expect(rowKey({ hostId: "h", uuid: "u" })).toBe("h/u");
  });
});

describe("parseHidden", () => {
  it("reads stored hidden columns and ignores unknown or fixed ones", () => {
    expect(parseHidden(JSON.stringify(["host", "nope", "name"]))).toEqual(["host"]);
    expect(parseHidden("not json")).toEqual(["disk", "net"]);
    expect(parseHidden(null)).toEqual(["disk", "net"]);
    expect(parseHidden("[]")).toEqual([]);
  });
});

describe("tags in the guest list", () => {
  const tagged = [
    row({ name: "a", uuid: "1", tags: ["branch-berlin", "web"] }),
    row({ name: "b", uuid: "2", tags: ["branch-berlin"] }),
    row({ name: "c", uuid: "3", tags: ["web-cache"] }),
  ];
  const names = (search: string) => filterGuests(tagged, { search, states: [] }, new Map()).map((g) => g.name);

  it("tag:x keeps guests carrying exactly that tag; several must all be there", () => {
    expect(names("tag:web")).toEqual(["a"]);
    expect(names("TAG:branch-berlin")).toEqual(["a", "b"]);
    expect(names("tag:branch-berlin tag:web")).toEqual(["a"]);
    expect(names("tag:nothing")).toEqual([]);
  });

  it("plain words match tags too", () => {
    expect(names("web")).toEqual(["a", "c"]);
  });

  it("the tag toggles add and remove tag:x in the search", () => {
    expect(toggleTagInSearch("db", "web")).toBe("db tag:web");
    expect(toggleTagInSearch("db tag:web", "web")).toBe("db");
    expect(parseSearch(" tag:web  db tag: ")).toEqual({ words: ["db"], tags: ["web"] });
  });

  it("counts tags most used first, and sorting by tags groups guests with the same tags", () => {
    expect(tagCounts(tagged)).toEqual([
      { tag: "branch-berlin", count: 2 },
      { tag: "web", count: 1 },
      { tag: "web-cache", count: 1 },
    ]);
    const sorted = sortGuests([row({ name: "x", tags: [] }), ...tagged], { column: "tags", dir: "asc" }, new Map());
    expect(sorted.map((g) => g.name)).toEqual(["b", "a", "c", "x"]);
  });
});
