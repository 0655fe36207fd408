import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import i18next from "eslint-plugin-i18next";

/**
 * Parts of the UI whose words all come from messages/*.json (docs/ARCHITECTURE.md, "Languages"). A part joins
 * this list once it is translated; the rule then fails on any new literal shown to people, in text or in the
 * attributes people read or hear.
 */
const translatedParts = [
  "app/layout.tsx",
  "app/(auth)/**/*.tsx",
  "components/auth/**/*.tsx",
  "components/shell/**/*.tsx",
  "components/ui/**/*.tsx",
  "components/console/**/*.tsx",
  "components/networks/**/*.tsx",
  "components/storage/**/*.tsx",
  "app/(console)/storage/**/*.tsx",
  "components/hosts/**/*.tsx",
  "app/(console)/hosts/**/*.tsx",
  "components/account/**/*.tsx",
  "app/(console)/account/**/*.tsx",
  "app/(console)/admin/layout.tsx",
  "app/(console)/admin/users/**/*.tsx",
  "components/admin/users-admin.tsx",
  "components/admin/create-user-form.tsx",
  "components/admin/grant-form.tsx",
  "components/admin/reset-password-form.tsx",
  "components/metrics/fleet-dashboard.tsx",
  "components/metrics/performance-panel.tsx",
  "components/metrics/time-chart.tsx",
  "components/metrics/fleet-event-text.ts",
  "app/(console)/page.tsx",
  "components/new-guest/**/*.tsx",
  "components/guests/hardware/**/*.tsx",
  "app/(console)/guests/new/**/*.tsx",
  "components/guests/*.tsx",
  "components/guests/snapshots/**/*.tsx",
  "components/guests/backups/**/*.tsx",
  "app/(console)/guests/page.tsx",
  "app/(console)/guests/[[]hostId]/**/*.tsx",
  "components/alerts/**/*.tsx",
  "app/(console)/alerts/**/*.tsx",
  "components/reports/**/*.{ts,tsx}",
  "app/(console)/reports/**/*.tsx",
  "components/schedules/**/*.tsx",
  "app/(console)/schedules/**/*.tsx",
  "app/(console)/layout.tsx",
  "app/(console)/networks/**/*.tsx",
  "app/(console)/admin/audit/**/*.tsx",
  "app/(console)/admin/settings/**/*.tsx",
  "app/(console)/admin/sign-in/**/*.tsx",
  "app/(console)/admin/clusters/**/*.tsx",
  "components/admin/audit-log.tsx",
  "components/admin/identity-admin.tsx",
  "components/admin/iso-library-admin.tsx",
  "components/admin/settings-admin.tsx",
  "components/admin/smtp-admin.tsx",
  "components/host-clusters/**/*.tsx",
  "components/tags/**/*.tsx",
  "lib/client/live-events.tsx",
];
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
