import "server-only";
import { createTranslator, type Messages as AppMessages, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import english from "@/messages/en.json";

/**
 * A namespace's messages in English, at once (no loading): for the log, the audit and stored English that code
 * still reads. Words for a person come from serverTranslator in their language.
 */
export function englishTranslator<NS extends NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>>>(namespace: NS) {
  return createTranslator({ locale: "en", messages: english as AppMessages, namespace });
}
