import { describe, expect, it } from "vitest";
import { GUEST_SERIES, type GuestPoint } from "@/lib/metrics/series";
import { prometheusText } from "@/lib/server/metrics/prometheus";

const guestPoint = (values: Partial<GuestPoint>): GuestPoint =>
  ({ t: 1000, ...Object.fromEntries(GUEST_SERIES.map((s) => [s, null])), ...values }) as GuestPoint;

describe("prometheusText", () => {
  it("writes gauges with host (name and id) and guest labels, bytes from KiB, escaped label values, and no sample for a null", () => {
    const text = prometheusText(
      [
        {
          hostId: "h1",
          t: 1000,
          host: { t: 1000, cpuPercent: 12.5, memUsedKiB: 2, memTotalKiB: null },
          guests: [{ uuid: "u-1", name: 'web "1"\\a', point: guestPoint({ cpuPercent: 50, memUsedKiB: 4 }) }],
        },
      ],
      new Map([["h1", "node\nA"]]),
    );
    const lines = text.split("\n");
    expect(lines).toContain("# TYPE virtconsole_host_cpu_percent gauge");
    expect(lines).toContain('virtconsole_host_cpu_percent{host="node\\nA",host_id="h1"} 12.5 1000');
    expect(lines).toContain('virtconsole_host_memory_used_bytes{host="node\\nA",host_id="h1"} 2048 1000');
    expect(lines.some((l) => l.startsWith("virtconsole_host_memory_total_bytes{"))).toBe(false);
    expect(lines).toContain('virtconsole_guest_cpu_percent{host="node\\nA",host_id="h1",guest="web \\"1\\"\\\\a",uuid="u-1"} 50 1000');
    expect(lines).toContain(
      'virtconsole_guest_memory_used_bytes{host="node\\nA",host_id="h1",guest="web \\"1\\"\\\\a",uuid="u-1"} 4096 1000',
    );
    expect(lines.some((l) => l.startsWith("virtconsole_guest_disk_read_bytes_per_second{"))).toBe(false);
    expect(text.endsWith("\n")).toBe(true);
  });
});
