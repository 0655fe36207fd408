import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import i18next from "eslint-plugin-i18next";

/**
 * The whole UI takes its words from messages/*.json (docs/ARCHITECTURE.md, "Languages"): the rule fails on any
 * literal shown to people, in text or in the attributes people read or hear.
 */
const translatedParts = ["app/**/*.tsx", "components/**/*.{ts,tsx}", "lib/client/**/*.tsx"];
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
  {
    files: translatedParts,
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": { include: ["label", "aria-label", "alt", "title", "placeholder", "hint", "aria-description"] },
          callees: { exclude: ["t", "t\\.rich", "t[A-Z]\\w*", "useTranslations", "getTranslations"] },
          // Digits, punctuation, constants, and symbols that are pictures rather than words.
          words: { exclude: ["[0-9!-/:-@[-`{-~]+", "[A-Z_-]+", "[☰✕×…·→←↑↓▲▼▾▸✓●—–]+"] },
        },
      ],
    },
  },
];
export default config;
