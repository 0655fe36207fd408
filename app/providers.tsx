"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { ToastProvider } from "@/components/ui/toast";
import { zodErrorMap } from "@/lib/i18n/zod-locale";
import { setRequestWords } from "@/lib/client/api";

/** zod's own messages in the page's language, for every schema the browser checks (in the browser only: on the
 * server z.config would be one setting for all requests; route() passes each request's language instead). */
function useZodLanguage() {
  const locale = useLocale();
  // Before the children render and check anything; setting the same map again is a no-op in effect.
  if (typeof window !== "undefined") z.config({ localeError: zodErrorMap(locale) });
}

/**
 * What the page says about answers themselves, in its language: libvirt's own messages (shown untranslated) labelled
 * as libvirt's, in forms and toasts alike; a refusal before the request was read; an answer with no words.
 */
function useRequestWords() {
  const t = useTranslations("requestErrors");
  if (typeof window !== "undefined") setRequestWords((key, values) => t(key, values as never));
}

export function Providers({ children }: { children: React.ReactNode }) {
  useZodLanguage();
  useRequestWords();
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
