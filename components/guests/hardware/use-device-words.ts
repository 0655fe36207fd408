import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { deviceWords, sayPhrase, type DeviceText, type Phrase } from "@/lib/guests/hardware/device-words";

/** Says devices' titles and summary lines (keys + values from the server) in the page's language. */
export function useDeviceWords() {
  const t = useTranslations("deviceWords");
  const say = useCallback((key: Parameters<typeof t>[0], values?: Record<string, string | number>) => t(key, values as never), [t]);
  const device = useCallback((text: DeviceText) => deviceWords(say, text), [say]);
  const title = useCallback((parts: Phrase[]) => parts.map((p) => sayPhrase(say, p)).join(" "), [say]);
  return { device, title };
}

export type DeviceWords = ReturnType<typeof useDeviceWords>;
