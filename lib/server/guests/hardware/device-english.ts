import "server-only";
import { createTranslator } from "next-intl";
import { deviceWords, type DeviceText } from "@/lib/guests/hardware/device-words";
import english from "@/messages/en.json";

const t = createTranslator({ locale: "en", messages: english, namespace: "deviceWords" });

/** A device's title and line in English, for the audit log (a record, not a page) and refusals until they carry keys. */
export const inEnglish = (text: DeviceText) => deviceWords((key, values) => t(key, values as never), text);
