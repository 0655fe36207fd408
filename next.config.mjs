import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds the per-request language and messages in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["ssh2", "@node-rs/argon2", "@libsql/client", "libsql", "pg"],
  poweredByHeader: false,
  // Security headers: lib/server/http/security-headers.ts (server.ts and proxy.ts send them).
};
export default withNextIntl(nextConfig);
