import "server-only";
import type { GuestSeries, HostSeries } from "@/lib/metrics/series";
import type { MetricsTick } from "./collector";

// The collector's newest round in Prometheus' text exposition format (version 0.0.4), so an existing
// Prometheus and Grafana can scrape the console. Gauges only: the rates are computed already.

export type Family<S extends string> = { series: S; name: string; help: string; scale?: number };

export const guestFamilies: Family<GuestSeries>[] = [
  { series: "cpuPercent", name: "virtconsole_guest_cpu_percent", help: "CPU use in % of the guest's vCPUs" },
  { series: "cpuHostPercent", name: "virtconsole_guest_cpu_host_percent", help: "CPU use in % of the host's CPUs" },
  {
    series: "memUsedKiB",
    name: "virtconsole_guest_memory_used_bytes",
    help: "Memory in use as the guest's balloon driver reports it",
    scale: 1024,
  },
  { series: "memTotalKiB", name: "virtconsole_guest_memory_total_bytes", help: "Memory the guest has", scale: 1024 },
  { series: "diskReadBps", name: "virtconsole_guest_disk_read_bytes_per_second", help: "Disk reads, all disks" },
  { series: "diskWriteBps", name: "virtconsole_guest_disk_write_bytes_per_second", help: "Disk writes, all disks" },
  { series: "diskReadIops", name: "virtconsole_guest_disk_read_operations_per_second", help: "Disk read requests, all disks" },
  { series: "diskWriteIops", name: "virtconsole_guest_disk_write_operations_per_second", help: "Disk write requests, all disks" },
  { series: "netRxBps", name: "virtconsole_guest_network_receive_bytes_per_second", help: "Bytes received, all interfaces" },
  { series: "netTxBps", name: "virtconsole_guest_network_transmit_bytes_per_second", help: "Bytes sent, all interfaces" },
  { series: "netRxPps", name: "virtconsole_guest_network_receive_packets_per_second", help: "Packets received, all interfaces" },
  { series: "netTxPps", name: "virtconsole_guest_network_transmit_packets_per_second", help: "Packets sent, all interfaces" },
];

export const hostFamilies: Family<HostSeries>[] = [
  { series: "cpuPercent", name: "virtconsole_host_cpu_percent", help: "Host CPU use in % of all its CPUs" },
  { series: "memUsedKiB", name: "virtconsole_host_memory_used_bytes", help: "Host memory in use", scale: 1024 },
  { series: "memTotalKiB", name: "virtconsole_host_memory_total_bytes", help: "Host memory in all", scale: 1024 },
];

const label = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");

export function prometheusText(ticks: readonly MetricsTick[], hostNames: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  const host = (tick: MetricsTick) => `host="${label(hostNames.get(tick.hostId) ?? tick.hostId)}",host_id="${label(tick.hostId)}"`;
  for (const f of hostFamilies) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`);
    for (const tick of ticks) {
      const v = tick.host[f.series];
      if (v !== null) lines.push(`${f.name}{${host(tick)}} ${v * (f.scale ?? 1)} ${tick.t}`);
    }
  }
  for (const f of guestFamilies) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`);
    for (const tick of ticks) {
      for (const g of tick.guests) {
        const v = g.point[f.series];
        if (v !== null) lines.push(`${f.name}{${host(tick)},guest="${label(g.name)}",uuid="${g.uuid}"} ${v * (f.scale ?? 1)} ${tick.t}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
