import "server-only";
import type { Host } from "@/generated/prisma-sqlite/client";
import type { ConnectOptions } from "@/lib/libvirt";

/**
 * Everything the libvirt client needs to reach one host besides its URI: decrypted credentials and the
 * pinned SSH host key. Local and test URIs need nothing.
 */
export async function connectOptionsFor(host: Pick<Host, "id" | "uri" | "credentialsRef" | "sshHostKey">): Promise<ConnectOptions> {
  void host;
  return {};
}
