// The wizard's "Install by itself" answers while they are typed, and how they become the shared schema's
// input (lib/validations/unattended.ts checks them here and on the server).
import type { UnattendedInput } from "@/lib/validations/unattended";

export type UnattendedDraft = { enabled: boolean } & Record<Exclude<keyof UnattendedInput, "profile">, string> & {
    profile: UnattendedInput["profile"];
  };

export const emptyUnattended: UnattendedDraft = {
  enabled: false,
  profile: "jeos",
  adminPassword: "",
  userLogin: "",
  userPassword: "",
  timezone: "UTC",
  language: "en_US",
  productKey: "",
  hostname: "",
};

/** The browser's time zone and language as the install scripts name them (Europe/Berlin, de_DE). */
export function browserDefaults(): Pick<UnattendedDraft, "timezone" | "language"> {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const [lang, region] = (navigator.language || "en-US").split("-");
  const language = region && /^[A-Za-z]{2}$/.test(region) ? `${lang.toLowerCase()}_${region.toUpperCase()}` : "en_US";
  return { timezone, language };
}

/** What the request carries: nothing unless switched on. */
export function unattendedRequest(d: UnattendedDraft): UnattendedInput | undefined {
  const { enabled, ...answers } = d;
  return enabled ? answers : undefined;
}
