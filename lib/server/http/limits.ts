import "server-only";

/** What one request or one client may take from the server. One place, so the README and the tests read the same numbers. */
export const limits = {
  /** Bodies of requests without a session (the sign-in form), checked before anything is parsed. */
  unauthenticatedBodyBytes: 16 * 1024,
  /** JSON bodies of API routes unless a route declares its own (`maxBodyBytes`). */
  jsonBodyBytes: 1024 * 1024,
  /** Request headers must be complete this soon after the connection opened (slow-handshake defence). */
  headersMs: 15_000,
  /** A WebSocket upgrade must pass its checks this soon, or the socket is closed. */
  upgradeMs: 10_000,
  /** An HTTP connection with no traffic is closed after this long. */
  idleMs: 120_000,
  /** Open TCP connections from one address (trusted proxies exempt: they carry many people). */
  connectionsPerAddress: 256,
  /** Open or opening WebSockets from one client address. */
  websocketsPerAddress: 128,
  /** Open WebSockets of one person, all tabs and consoles together. */
  websocketsPerUser: 64,
} as const;
