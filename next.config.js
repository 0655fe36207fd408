/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["ssh2", "@node-rs/argon2", "@libsql/client", "libsql", "pg"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
