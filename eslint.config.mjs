import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "generated/**",
      "dist/**",
      "test-results/**",
      "playwright-report/**",
      "lib/libvirt/generated/**",
      "next-env.d.ts",
    ],
  },
  {
    // The protocol client stays framework-free (docs/ARCHITECTURE.md, "Layers and who may import whom").
    files: ["lib/libvirt/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "@prisma/*", "@/lib/server/*", "@/generated/*", "react"] }],
    },
  },
  {
    // lib/ is shared by server and browser and sits below the UI: it never imports components (docs/ARCHITECTURE.md).
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/libvirt/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/components/*", "@/components"] }] },
  },
  {
    // Components never import server-only code (docs/ARCHITECTURE.md).
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/lib/server/*", "@/lib/server"] }] },
  },
  {
    // The server writes its log through lib/server/log.ts (JSON lines, secrets redacted), never the console.
    files: ["lib/server/**/*.ts", "server.ts"],
    ignores: ["lib/server/log.ts"],
    rules: { "no-console": "error" },
  },
];
export default config;
