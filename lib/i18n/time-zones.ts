/** Whether the runtime's Intl knows this IANA zone name ("Asia/Seoul"); the only check a stored choice needs. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone the server runs in: what times show in for a person who chose none. */
export const serverTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
