import type { Metadata } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { NONCE_HEADER } from "@/lib/server/http/security-headers";
import "./globals.css";
import { Providers } from "./providers";

export async function generateMetadata(): Promise<Metadata> {
  const name = (await getTranslations("app"))("name");
  return { title: { default: name, template: `%s · ${name}` } };
}

// Applies the theme before first paint so dark-mode users never see a white flash.
const themeScript = `(()=>{try{const t=localStorage.getItem("theme");const d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch{}})()`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy's nonce for this response (proxy.ts); reading it renders every page per request.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  const locale = await getLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        {/* Hands the request's language, time zone and messages (i18n/request.ts) to client components. */}
        <NextIntlClientProvider>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
