import "server-only";
import path from "node:path";
import { z } from "zod";
import { networkListSchema, splitNetworkList } from "@/lib/validations/settings";

// Environment is validated once so a bad value fails at boot, not in the middle of a request.
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** How much the JSON log says: fatal, error, warn, info (default), debug or trace. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default(path.join(process.cwd(), "data")),
    DATABASE_URL: z.string().min(1).optional(),
    ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters").optional(),
    SESSION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(12 * 60),
    PUBLIC_ORIGIN: z.string().url().optional(),
    /** HTTPS on PORT (plain HTTP there is redirected); "off" behind a TLS-terminating proxy. */
    TLS: z.enum(["on", "off"]).default("on"),
    /** A real certificate and key (PEM); without them a self-signed one is made in $DATA_DIR/tls. Re-read when they change. */
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    /**
     * Proxies whose X-Forwarded-For/-Proto/-Host are believed (comma-separated addresses or CIDRs). Without it the
     * client address is the TCP peer's and forwarded headers are dropped.
     */
    /** host:port other console instances reach this one on (several instances on PostgreSQL); default: this machine's name and PORT. */
    INSTANCE_ADDRESS: z.string().min(1).optional(),
    /**
     * On SIGTERM while other instances run: how long this one goes on serving after its /health turned 503, so
     * the load balancer's health checks take it out of rotation before it stops accepting.
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
    TRUSTED_PROXIES: z.string().default("").transform(splitNetworkList).pipe(networkListSchema),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(15 * 60),
    /** Failures on one account, from any address, after which each further attempt on it is slowed down (never refused). */
    LOGIN_SLOWDOWN_AFTER_FAILURES: z.coerce.number().int().min(1).default(10),
    LOCAL_HOST_URI: z.string().min(1).default("qemu:///system"),
    /** Key that encrypts host credentials at rest; kept out of the database (default: $DATA_DIR/secret.key). */
    SECRET_KEY_FILE: z.string().min(1).optional(),
    /** How often the metrics collector samples every host (one bulk stats call per host). */
    METRICS_INTERVAL_MS: z.coerce.number().int().min(500).default(2000),
    /** How long 1-minute and 1-hour metric rollups are kept. */
    METRICS_RETENTION_1M_DAYS: z.coerce.number().min(1).default(7),
    METRICS_RETENTION_1H_DAYS: z.coerce.number().min(1).default(365),
    /** Serial console logs: days kept, lines kept per guest console, and how often a busy log file is read. */
    SERIAL_LOG_DAYS: z.coerce.number().min(1).default(14),
    SERIAL_LOG_MAX_LINES: z.coerce.number().int().min(100).default(20_000),
    SERIAL_LOG_POLL_MS: z.coerce.number().int().min(200).default(2000),
    /** Bearer token for the Prometheus endpoint /metrics; the endpoint is off without one. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /**
     * A Prometheus-compatible server (http(s)://host:9090, optionally with a path or user:password) that scrapes
     * /metrics: history charts beyond the live hour read from it instead of the rollup tables.
     */
    PROMETHEUS_URL: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "PROMETHEUS_URL must start with http:// or https://")
      .optional(),
    /**
     * Networks the console may fetch from on a user's behalf although its address rules refuse them
     * (loopback, private, link-local…), e.g. "10.20.0.0/16,fd00:1::/64": the default of Admin → Settings
     * until an admin saves it there.
     */
    FETCH_ALLOWED_NETWORKS: z.string().default("").transform(splitNetworkList).pipe(networkListSchema),
  })
  .refine((e) => Boolean(e.TLS_CERT_FILE) === Boolean(e.TLS_KEY_FILE), {
    message: "Set both TLS_CERT_FILE and TLS_KEY_FILE, or neither",
    path: ["TLS_CERT_FILE"],
  });

export type Env = z.infer<typeof envSchema> & { DATABASE_URL: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  cached = { ...parsed.data, DATA_DIR: dataDir, DATABASE_URL: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "console.db")}` };
  return cached;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
