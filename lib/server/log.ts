import "server-only";
import pino, { type Logger } from "pino";
import { env } from "./env";
import { processSingleton } from "./process-singleton";
import { currentRequestId } from "./request-context";

/**
 * The console's log: JSON lines on standard output (one object per line: time, level, msg, the request id when
 * there is one, and fields), for journald, a log shipper or `jq`. LOG_LEVEL chooses how much. Secrets never go in:
 * callers log ids and names, never passwords, tokens, keys, tickets or cookies; the redact list below is the net
 * under that rule for the field names that could carry one.
 */
export const log: Logger = new Proxy({} as Logger, {
  get: (_target, property) => {
    const logger = processSingleton("log", () =>
      pino({
        level: env().LOG_LEVEL,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const requestId = currentRequestId();
          return requestId ? { requestId } : {};
        },
        redact: {
          paths: [
            "password",
            "*.password",
            "passwd",
            "*.passwd",
            "token",
            "*.token",
            "ticket",
            "*.ticket",
            "cookie",
            "*.cookie",
            "privateKey",
            "*.privateKey",
            "authorization",
            "*.authorization",
          ],
          censor: "(hidden)",
        },
      }),
    );
    const value = logger[property as keyof Logger];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
  },
});

/** An error as log fields: its name, message and (at debug level) the stack. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  return { error: err.message, errorName: err.name, ...(log.isLevelEnabled("debug") ? { stack: err.stack } : {}) };
}
