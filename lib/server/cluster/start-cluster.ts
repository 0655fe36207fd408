import "server-only";
import { listenForAccessChanges } from "../auth/access-changed";
import { invalidateAllInventories, noteLiveEvent } from "../guests/inventory";
import { listenForHostCommands } from "../hosts/host-commands";
import { listenForLiveEvents } from "../ws/listen-live";
import { hostWork } from "./host-work";
import { startHostLeases } from "./leases";

/**
 * This instance joins the others on the same database (server.ts, once, after startInstance): it hears
 * their live events, access changes and host commands on the bus, and takes its share of the hosts'
 * long-lived work by lease. With SQLite there is one instance, and it takes every host.
 */
export function startCluster(): void {
  listenForLiveEvents({ onEvent: noteLiveEvent, onResync: invalidateAllInventories });
  listenForAccessChanges();
  listenForHostCommands();
  startHostLeases(hostWork);
}
