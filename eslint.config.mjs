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
    // The protocol client stays framework-free (ARCHITECTURE.md dependency rules).
    files: ["lib/libvirt/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "@prisma/*", "@/lib/server/*", "@/generated/*", "react"] }],
    },
  },
  {
    // Components never import server-only code.
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/lib/server/*", "@/lib/server"] }] },
  },
];
export default config;
