import type { Metadata } from "next";
import { headers } from "next/headers";
import { NONCE_HEADER } from "@/lib/server/http/security-headers";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = { title: { default: "Virt Console", template: "%s · Virt Console" } };

// Applies the theme before first paint so dark-mode users never see a white flash.
const themeScript = `(()=>{try{const t=localStorage.getItem("theme");const d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch{}})()`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy's nonce for this response (proxy.ts); reading it renders every page per request.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
