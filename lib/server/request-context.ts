import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { processSingleton } from "./process-singleton";

/**
 * What is known about the request being served, wherever in its work the code is: its id (in every log line,
 * in its audit rows, in the X-Request-Id answer header) and the client address. server.ts opens the context
 * around each request and WebSocket; one store for both module copies (see docs/ARCHITECTURE.md).
 */
export type RequestContext = { requestId: string };

const storage = () => processSingleton("request-context", () => new AsyncLocalStorage<RequestContext>());

export function newRequestId(): string {
  return randomBytes(8).toString("hex");
}

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

/** The current request's id, or undefined outside any request (timers, the collector). */
export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}
