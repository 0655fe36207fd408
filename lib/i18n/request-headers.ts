/** Set by proxy.ts on pages that follow the browser's language whoever is signed in (the sign-in page). */
export const BROWSER_LOCALE_HEADER = "x-console-browser-locale";
