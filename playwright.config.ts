import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

const port = Number(process.env.E2E_PORT ?? 3100);
export const e2eDataDir = ".cache/e2e-data";
export const e2eAdminPassword = "e2e-admin-password-1";
export const e2eMetricsToken = "e2e-prometheus-token-0123456789";
/** The server's own output, which the security suite reads (no unhandled rejections, no secrets). */
export const e2eServerLog = ".cache/e2e-server.log";
/** Believed as a reverse proxy by the e2e server; every other loopback address is an ordinary client. */
export const e2eTrustedProxy = "127.0.0.9";
/** libosinfo's local directory for the e2e server: a spec adds an OS image there (as an administrator would in /etc/osinfo). */
export const e2eOsinfoLocalDir = ".cache/e2e-osinfo";
/**
 * The one loopback address the e2e server may download from without an admin's say (as FETCH_ALLOWED_NETWORKS
 * allows on a real install): the image library's "site mirror". Specs that test the refusal use other addresses.
 */
export const e2eMirrorAddress = "127.0.0.4";
/**
 * The e2e server serves HTTPS with the self-signed certificate the console makes for itself (made here, by the
 * product's own code, where the server finds it on its first start). Browser and test clients trust exactly that
 * certificate: Chromium by its public-key pin, Node by NODE_EXTRA_CA_CERTS — never by ignoring errors.
 */
export const e2eTlsDir = `${e2eDataDir}/tls`;
export const e2eCertFile = `${e2eTlsDir}/cert.pem`;
if (!existsSync(e2eCertFile)) {
  execFileSync("npx", ["--no-install", "tsx", "--tsconfig", "tsconfig.server.json", "scripts/tls-certificate.ts", e2eTlsDir], {
    stdio: "pipe",
  });
}
const certificate = new X509Certificate(readFileSync(e2eCertFile));
const pin = createHash("sha256")
  .update(certificate.publicKey.export({ type: "spki", format: "der" }))
  .digest("base64");
// Workers are started after this runs and read it at their start.
process.env.NODE_EXTRA_CA_CERTS = e2eCertFile;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  use: {
    baseURL: `https://127.0.0.1:${port}`,
    // The console speaks the browser's language (i18n/request.ts); specs read English unless they choose another.
    locale: "en-US",
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
        `--ignore-certificate-errors-spki-list=${pin}`,
      ],
    },
  },
  // secrets-in-log.spec.ts reads the server's log of the whole run, so it runs after every other spec.
  projects: [
    { name: "e2e", testIgnore: /secrets-in-log\.spec\.ts$/ },
    { name: "secrets-in-log", testMatch: /secrets-in-log\.spec\.ts$/, dependencies: ["e2e"] },
  ],
  webServer: {
    // The real server on a fresh database (all but its certificate): migrations, first admin and localhost registration all run.
    command: `find ${e2eDataDir} -mindepth 1 -maxdepth 1 ! -name tls -exec rm -rf {} + && npx --no-install tsx --tsconfig tsconfig.server.json server.ts 2>&1 | tee ${e2eServerLog}`,
    // The server listens only once it is ready to serve; waiting for the port needs no trust in its certificate.
    port,
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
      OSINFO_LOCAL_DIR: e2eOsinfoLocalDir,
      FETCH_ALLOWED_NETWORKS: `${e2eMirrorAddress}/32`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
