import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const e2eDataDir = ".cache/e2e-data";
export const e2eAdminPassword = "e2e-admin-password-1";
export const e2eMetricsToken = "e2e-prometheus-token-0123456789";
/** The server's own output, which the security suite reads (no unhandled rejections, no secrets). */
export const e2eServerLog = ".cache/e2e-server.log";
/** Believed as a reverse proxy by the e2e server; every other loopback address is an ordinary client. */
export const e2eTrustedProxy = "127.0.0.9";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The real server on a fresh database: migrations, first admin and localhost registration all run.
    command: `rm -rf ${e2eDataDir} && mkdir -p .cache && npx --no-install tsx --tsconfig tsconfig.server.json server.ts 2>&1 | tee ${e2eServerLog}`,
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: e2eDataDir,
      ADMIN_PASSWORD: e2eAdminPassword,
      METRICS_TOKEN: e2eMetricsToken,
      TRUSTED_PROXIES: e2eTrustedProxy,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
