import "server-only";
import { log } from "../log";
import { z } from "zod";
import { bus } from "../cluster/bus";
import { instanceId } from "../cluster/instance";
import { hostPool } from "./host-pool";
import { closeSshClient } from "./ssh-clients";

const commandSchema = z.object({
  hostId: z.string().min(1),
  /** park: an administrator disconnected it; reconnect: unparked, or its address or secrets changed; remove: it is gone. */
  action: z.enum(["park", "reconnect", "remove"]),
});
export type HostCommand = z.infer<typeof commandSchema>;

/** What every instance does with its own connection to the host. */
async function apply({ hostId, action }: HostCommand): Promise<void> {
  const pool = hostPool();
  // Consoles and serial-log readers on its shared SSH connection end with it; they connect anew, if at all.
  closeSshClient(hostId);
  if (action === "park") await pool.disconnect(hostId);
  else if (action === "remove") await pool.remove(hostId);
  else await pool.forget(hostId); // the holder of the lease connects again at once
}

/**
 * Changes every instance's connection to a host: this one's before it returns, the others' through the bus
 * (each instance keeps its own connection to every host it was asked about).
 */
export async function sendHostCommand(command: HostCommand): Promise<void> {
  await apply(command);
  await bus()
    .publish("hosts", command)
    .catch((err: Error) => log.error(`host ${command.action} of ${command.hostId} not sent to the other instances: ${err.message}`));
}

/** Applies the other instances' host commands here (server.ts starts it). */
export function listenForHostCommands(): () => void {
  return bus().subscribe("hosts", (payload, message) => {
    if (message.from === instanceId()) return; // applied before publishing
    const parsed = commandSchema.safeParse(payload);
    if (!parsed.success) return log.error("host commands: ignored a malformed message");
    void apply(parsed.data).catch((err: Error) => log.error(`host ${parsed.data.action} failed here: ${err.message}`));
  });
}
