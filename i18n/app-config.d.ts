import type { Locale } from "@/lib/i18n/locales";
import type messages from "@/messages/en.json";

// Typed messages: a key that English does not have is a type error wherever `t()` is called.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
