import { describe, expect, it } from "vitest";
import type { Libvirt } from "@/lib/libvirt";
import { withInterfaceDriver } from "@/lib/server/networks/interface-driver";

describe("withInterfaceDriver", () => {
  it("runs one interface call at a time per connection, in order, a failure not stopping the next", async () => {
    const lv = {} as Libvirt;
    const other = {} as Libvirt;
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const call =
      (name: string, fail = false) =>
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(name);
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      withInterfaceDriver(lv, call("a")),
      withInterfaceDriver(lv, call("b", true)),
      withInterfaceDriver(lv, call("c")),
    ]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // Another connection has its own turn.
    running = 0;
    most = 0;
    await Promise.all([withInterfaceDriver(lv, call("d")), withInterfaceDriver(other, call("e"))]);
    expect(most).toBe(2);
  });
});
