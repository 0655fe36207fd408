-- The language and time zone a person chose (lib/i18n/locales.ts); null follows the browser.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;
