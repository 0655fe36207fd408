import "server-only";
import { forgetSerialLogHost, refreshSerialLogHosts } from "../consoles/serial-log/service";
import { handOverHost, takeOverHost } from "../hosts/host-pool";
import { metricsCollector } from "../metrics/service";
import type { HostWork } from "./host-leases";

/**
 * A host's long-lived work, which runs on the instance holding its lease: the event subscription and what
 * follows from it (status, recent events, live events for every instance's browsers), the metrics collector
 * with its rollups, and the reader of its guests' serial logs. Taking a host starts it all; handing it over
 * stops it (the connection stays for request-time calls), and the live hour goes with it: the next holder
 * starts a new one.
 */
export const hostWork: HostWork = {
  start: async (hostId) => {
    await takeOverHost(hostId);
    metricsCollector().refreshHosts();
    refreshSerialLogHosts();
  },
  stop: (hostId) => {
    handOverHost(hostId);
    metricsCollector().forgetHost(hostId);
    forgetSerialLogHost(hostId);
  },
};
