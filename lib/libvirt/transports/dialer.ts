import type { Duplex } from "node:stream";

/** Opens a fresh byte stream to a libvirt daemon. Called again for every reconnect. */
export type Dialer = () => Promise<Duplex>;
