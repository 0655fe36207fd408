import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionKey, auditActions, auditResults, isAuditAction } from "@/lib/audit/actions";
import { locales } from "@/lib/i18n/locales";

type Catalogue = { auditLog: { action: Record<string, string>; outcome: Record<string, string> } };
const catalogue = (locale: string) => JSON.parse(readFileSync(join(__dirname, "../../../messages", `${locale}.json`), "utf8")) as Catalogue;

describe("audit actions in words", () => {
  it("gives every action its own message key", () => {
    const keys = auditActions.map(auditActionKey);
    expect(new Set(keys).size).toBe(auditActions.length);
    expect(auditActionKey("user.two-factor.recovery-codes")).toBe("user_two_factor_recovery_codes");
  });

  for (const locale of locales) {
    it(`has words for exactly the listed actions and outcomes in ${locale}`, () => {
      const { action, outcome } = catalogue(locale).auditLog;
      expect(Object.keys(action).sort()).toEqual(auditActions.map(auditActionKey).sort());
      expect(Object.values(action).filter((words) => !words.trim())).toEqual([]);
      expect(Object.keys(outcome).sort()).toEqual([...auditResults].sort());
    });
  }

  it("knows the listed actions only, so an unknown one is shown as recorded", () => {
    expect(isAuditAction("guest.start")).toBe(true);
    expect(isAuditAction("guest.teleport")).toBe(false);
    expect(isAuditAction("guest")).toBe(false);
  });
});
