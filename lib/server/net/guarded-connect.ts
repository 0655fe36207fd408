import "server-only";
import net from "node:net";
import { formatIp, type IpAddress } from "@/lib/networks/addresses";
import { FetchError, seconds } from "./fetch-error";
import { currentAddressPolicy, resolveChecked, type GuardOptions } from "./resolve-checked";

/** Opens a TCP connection to host:port (what the FTP and NFS readers are given instead of net.connect). */
export type Dialer = (host: string, port: number) => Promise<net.Socket>;

export type ConnectOptions = GuardOptions & {
  /** How long to wait for the server to accept. */
  connectTimeoutMs: number;
  /** Aborting stops the attempt; the signal's reason is the error. */
  signal?: AbortSignal;
};

function connectTo(ip: IpAddress, host: string, port: number, { connectTimeoutMs, signal }: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // An address, never a name: no second lookup can lead the connection somewhere unchecked.
    const socket = net.connect({ host: formatIp(ip.family, ip.value), port });
    const fail = (err: Error) => socket.destroy(err);
    const onAbort = () => fail(signal!.reason as Error);
    const timer = setTimeout(
      () =>
        fail(new FetchError("connect", { key: "notAccepted", values: { host, port: String(port), seconds: seconds(connectTimeoutMs) } })),
      connectTimeoutMs,
    );
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => {
      settle();
      resolve(socket);
    });
    socket.once("error", (err) => {
      settle();
      reject(err);
    });
  });
}

/**
 * A TCP connection to a host a user named, under the address rules (lib/server/net/address-rules.ts):
 * every address of the name is checked, then the first that accepts is connected to by address.
 */
export async function connectGuarded(host: string, port: number, options: ConnectOptions): Promise<net.Socket> {
  const policy = options.policy ?? (await currentAddressPolicy());
  const addresses = await resolveChecked(host, policy, options.resolve);
  let lastError: Error | undefined;
  for (const ip of addresses) {
    try {
      return await connectTo(ip, host, port, options);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      lastError = err as Error;
    }
  }
  throw lastError!;
}

/**
 * A Dialer under the address rules. The policy is read once, at the first connection, so a protocol's
 * connections (FTP's control and data) are judged alike.
 */
export function guardedDialer(options: ConnectOptions): Dialer {
  let policy = options.policy ? Promise.resolve(options.policy) : undefined;
  return async (host, port) => connectGuarded(host, port, { ...options, policy: await (policy ??= currentAddressPolicy()) });
}
