"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type Theme = "system" | "light" | "dark";
const order: Theme[] = ["system", "light", "dark"];

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function ThemeToggle() {
  const t = useTranslations("theme");
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const stored = localStorage.getItem("theme");
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading the stored choice after hydration
    if (stored === "light" || stored === "dark") setTheme(stored);
  }, []);
  useEffect(() => {
    if (theme !== "system") return;
    const media = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => apply("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [theme]);
  const next = () => {
    const t = order[(order.indexOf(theme) + 1) % order.length];
    setTheme(t);
    if (t === "system") localStorage.removeItem("theme");
    else localStorage.setItem("theme", t);
    apply(t);
  };
  return (
    <button
      type="button"
      onClick={next}
      className="w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      {t(theme)}
    </button>
  );
}
