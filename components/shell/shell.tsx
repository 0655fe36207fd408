"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { navigationFor } from "@/lib/navigation";
import type { Locale } from "@/lib/i18n/locales";
import type { Grant } from "@/lib/roles";
import { Menu, MenuItem, MenuLink, MenuSeparator } from "@/components/ui/dropdown-menu";
import { LanguageMenu } from "./language-menu";
import { ThemeToggle } from "./theme-toggle";

type ShellProps = {
  user: { username: string; displayName: string; grants: Grant[]; locale: Locale | null; browserLocale: Locale };
  children: React.ReactNode;
};

export function Shell({ user, children }: ShellProps) {
  const pathname = usePathname();
  const t = useTranslations();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = navigationFor(user.grants);
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href.split("/").slice(0, 2).join("/")));

  const signOut = async () => {
    await api("/api/auth/logout", { method: "POST", body: {} }).catch(() => undefined);
    // A full page load on purpose: nothing of the signed-out session stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  };

  return (
    <div className="min-h-screen md:flex">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden dark:border-slate-800 dark:bg-slate-900">
        <span className="font-semibold">{t("app.name")}</span>
        <button
          type="button"
          aria-label={t("shell.menu")}
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
          className="rounded-md px-2 py-1 text-xl"
        >
          ☰
        </button>
      </header>
      <aside
        className={`${menuOpen ? "block" : "hidden"} border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-56 md:flex-col md:border-r md:border-b-0 dark:border-slate-800 dark:bg-slate-900`}
      >
        <div className="hidden px-4 py-4 text-lg font-semibold md:block">{t("app.name")}</div>
        <nav aria-label={t("nav.main")} className="flex flex-col gap-1 px-2 py-2 md:flex-1">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              onClick={() => setMenuOpen(false)}
              aria-current={isActive(item.href) ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm ${
                isActive(item.href)
                  ? "bg-blue-50 font-medium text-blue-700 dark:bg-blue-950 dark:text-blue-300"
                  : "hover:bg-slate-100 dark:hover:bg-slate-800"
              }`}
            >
              {t(`nav.${item.label}`)}
            </Link>
          ))}
        </nav>
        <div className="border-t border-slate-200 px-2 py-2 dark:border-slate-800">
          {/* Opens beside the sidebar, level with your name, so it covers none of the navigation. */}
          <Menu
            inline
            side="right"
            align="end"
            label={user.displayName || user.username}
            trigger={
              <button type="button" className="w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <span className="block font-medium">{user.displayName || user.username}</span>
                <span className="block text-xs text-slate-500">{user.username}</span>
              </button>
            }
          >
            <MenuLink href="/account">{t("shell.yourAccount")}</MenuLink>
            <MenuLink href="/account/api">{t("shell.apiReference")}</MenuLink>
            <MenuSeparator />
            <MenuItem onSelect={signOut}>{t("shell.signOut")}</MenuItem>
          </Menu>
          <LanguageMenu current={user.locale} browser={user.browserLocale} />
          <ThemeToggle />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
