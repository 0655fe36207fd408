import "server-only";
import { deviceWords, type DeviceText } from "@/lib/guests/hardware/device-words";
import { englishTranslator } from "../../i18n/english";

const t = englishTranslator("deviceWords");

/** A device's title and line in English, for the audit log (a record, not a page) and refusals until they carry keys. */
export const inEnglish = (text: DeviceText) => deviceWords((key, values) => t(key, values as never), text);
