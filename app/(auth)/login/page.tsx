import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { isAccessEndedReason } from "@/lib/auth/access-ended";
import { getTranslations } from "next-intl/server";
import { isSignInErrorKey } from "@/lib/auth/sign-in-errors";
import { currentActor } from "@/lib/server/current-actor";
import { signInButtons } from "@/lib/server/identity/providers";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; ended?: string; error?: string }> }) {
  const { next = "/", ended, error } = await searchParams;
  const t = await getTranslations();
  // Only our own sentences, chosen by key: the address bar cannot put words on this page.
  const endedMessage = isAccessEndedReason(ended) ? t(`accessEnded.${ended}`) : null;
  const errorMessage = isSignInErrorKey(error) ? t(`signInError.${error}`) : null;
  if (await currentActor()) redirect("/");
  const providers = await signInButtons();
  const nextPath = typeof next === "string" ? next : "/";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-xl font-semibold">{t("app.name")}</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">{t("login.intro")}</p>
        {endedMessage ? (
          <p
            role="status"
            data-testid="access-ended"
            className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200"
          >
            {endedMessage}
          </p>
        ) : null}
        {errorMessage ? (
          <p
            role="alert"
            data-testid="sign-in-error"
            className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {errorMessage}
          </p>
        ) : null}
        <LoginForm next={nextPath} />
        {providers.length ? (
          <div className="mt-6 space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
            {providers.map((p) => (
              // A full navigation: the provider's page comes next, then its redirect back.
              <a
                key={p.id}
                href={`/api/auth/oidc/${p.id}/start?next=${encodeURIComponent(nextPath)}`}
                className="block w-full rounded-md border border-slate-300 px-3 py-2 text-center text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              >
                {t("login.signInWith", { provider: p.name })}
              </a>
            ))}
          </div>
        ) : null}
      </div>
    </main>
  );
}
