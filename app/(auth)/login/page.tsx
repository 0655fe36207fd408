import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { accessEndedMessages, isAccessEndedReason } from "@/lib/auth/access-ended";
import { currentActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; ended?: string }> }) {
  const { next = "/", ended } = await searchParams;
  // Only our own sentences, chosen by key: the address bar cannot put words on this page.
  const endedMessage = isAccessEndedReason(ended) ? accessEndedMessages[ended] : null;
  if (await currentActor()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-xl font-semibold">Virt Console</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Sign in to manage your virtual machines.</p>
        {endedMessage ? (
          <p
            role="status"
            data-testid="access-ended"
            className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200"
          >
            {endedMessage}
          </p>
        ) : null}
        <LoginForm next={typeof next === "string" ? next : "/"} />
      </div>
    </main>
  );
}
