// The custom server (server.ts) and scripts run outside Next's "react-server" condition, where the
// real `server-only` package throws on import. tsconfig.server.json maps `server-only` here instead;
// Next keeps the real package, so client components importing lib/server still fail the build.
export {};
