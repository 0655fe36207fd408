"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { api } from "@/lib/client/api";
import { isLocale, localeNames, locales, type Locale } from "@/lib/i18n/locales";

/**
 * The person's language, stored with their account: "" follows the browser (`browser` is what it asks for).
 * Each language is named in itself, so someone who cannot read the current one still finds their own.
 */
export function LanguageMenu({ current, browser }: { current: Locale | null; browser: Locale }) {
  const t = useTranslations("shell");
  const id = useId();
  const [busy, setBusy] = useState(false);
  const choose = async (value: string) => {
    setBusy(true);
    try {
      await api("/api/account/preferences", { method: "PUT", body: { locale: isLocale(value) ? value : null } });
      // Server components render in the language too: a full load brings every part of the page over at once.
      window.location.reload();
    } catch {
      setBusy(false);
    }
  };
  return (
    <div className="flex items-center gap-2 px-3 py-2 text-sm">
      <label htmlFor={id}>{t("language")}</label>
      <select
        id={id}
        value={current ?? ""}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="">{t("browserLanguage", { language: localeNames[browser] })}</option>
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
