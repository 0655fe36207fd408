import "server-only";
import { brandError } from "@/lib/branded-error";
import english from "@/messages/en.json";
import { englishTranslator } from "../i18n/english";
import { deviceWords, type DeviceText, type DeviceWordsTranslator } from "@/lib/guests/hardware/device-words";
import type { MessageValues, Problem, ValidationKey } from "@/lib/validations/messages";
import { sayFetchValues, type FetchValue, type SayFetch } from "@/lib/i18n/fetch-words";

/** A sentence of messages/<locale>.json "apiErrors", said in the language of the person who made the request. */
export type ErrorKey = keyof (typeof english)["apiErrors"];
/**
 * A sentence by key: of "apiErrors", or of "validation" (the shared schemas' problems, lib/validations/messages.ts).
 * `device` names a device in the reader's words: its title and summary become the values `device` and `summary`;
 * a value may be a fetch's reason by key (lib/i18n/fetch-words.ts) or another sentence (`{ said }`: why a step
 * failed, inside the sentence naming the step), said in the same language.
 */
export type Said =
  { key: ErrorKey; values?: Record<string, SaidValue>; device?: DeviceText } | { validation: ValidationKey; values?: MessageValues };
export type SaidValue = FetchValue | { said: Said };
const isNested = (value: SaidValue): value is { said: Said } => typeof value === "object" && "said" in value;
/** Why something failed as a value of another sentence: by key when it was said so, else its text. */
export const reasonOf = (err: unknown): SaidValue =>
  isApiError(err) && err.said ? { said: err.said } : err instanceof Error ? err.message : String(err);
/** A field's message: said by key, or text not translated yet. */
export type FieldMessage = string | Said;

const errorsInEnglish = englishTranslator("apiErrors");
const problemsInEnglish = englishTranslator("validation");
const devicesInEnglish = englishTranslator("deviceWords");
const fetchInEnglish = englishTranslator("fetchErrors");
/** A sentence by key in English (for the log, the audit and errors' `message`). */
export const englishError = (said: Said) => inEnglish(said);
const inEnglish = (said: Said): string =>
  "validation" in said
    ? problemsInEnglish(said.validation, said.values)
    : errorsInEnglish(
        said.key,
        saidValues(
          said,
          (key, values) => fetchInEnglish(key, values as never),
          (key, values) => devicesInEnglish(key, values as never),
          inEnglish,
        ),
      );

/**
 * An "apiErrors" sentence's values as its translator takes them: fetch reasons, sentences within it (`say`) and
 * the device said in that language.
 */
export function saidValues(
  said: { values?: Record<string, SaidValue>; device?: DeviceText },
  tFetch: SayFetch,
  tDevice: DeviceWordsTranslator,
  say: (said: Said) => string,
): MessageValues | undefined {
  const values = said.values && Object.fromEntries(Object.entries(said.values).map(([name, v]) => [name, isNested(v) ? say(v.said) : v]));
  return withDevice({ values: sayFetchValues(tFetch, values), device: said.device }, tDevice);
}

/** The sentence's values with its device's title and summary in the translator's words. */
export function withDevice(said: { values?: MessageValues; device?: DeviceText }, t: DeviceWordsTranslator): MessageValues | undefined {
  if (!said.device) return said.values;
  const { title, summary } = deviceWords(t, said.device);
  return { ...said.values, device: title, summary };
}

/**
 * An error whose message is safe and useful to show to the person who made the request. Said by key
 * (`new ApiError(404, { key: "notFound", values: … })`), the answer is written in the person's language
 * (errorResponse) and `message` is the English one for the log and audit; a plain string is not translated.
 * Fields likewise: said by key or given as text.
 */
export class ApiError extends Error {
  readonly said?: Said;
  /** The fields' messages in English (for the log, the audit and code that reads them); `saidFields` as given. */
  readonly fields?: Record<string, string>;
  readonly saidFields?: Record<string, FieldMessage>;
  /** The message is libvirt's own, passed on as libvirt wrote it (the answer says so: `libvirt: true`). */
  fromLibvirt = false;
  /** libvirt's refusal as this request's answer, with our own fields beside it. */
  static libvirt(status: number, libvirtMessage: string, fields?: Record<string, FieldMessage>): ApiError {
    const error = new ApiError(status, libvirtMessage, fields);
    error.fromLibvirt = true;
    return error;
  }
  constructor(
    readonly status: number,
    message: string | Said,
    fields?: Record<string, FieldMessage>,
  ) {
    super(typeof message === "string" ? message : inEnglish(message));
    if (typeof message !== "string") this.said = message;
    if (fields) {
      this.saidFields = fields;
      this.fields = Object.fromEntries(Object.entries(fields).map(([name, m]) => [name, typeof m === "string" ? m : inEnglish(m)]));
    }
  }
}
export const isApiError = brandError(ApiError, "ApiError");

/** The kinds of thing a request may name that is not there: "apiErrors.notFound" selects its sentence by kind
 * (one sentence each, so every language can agree its words with the thing's gender and number). */
export const things = [
  "host",
  "guest",
  "network",
  "pool",
  "volume",
  "disk",
  "device",
  "snapshot",
  "restorePoint",
  "recoveryDisk",
  "schedule",
  "user",
  "roleGrant",
  "token",
  "provider",
  "cluster",
  "alert",
  "alertRule",
  "draft",
  "snippet",
  "screenshot",
  "destinationHost",
  "job",
  "proposal",
  "quota",
] as const;
export type Thing = (typeof things)[number];
export const notFound = (what?: Thing) => new ApiError(404, { key: "notFound", values: { what: what ?? "other" } });
export const forbidden = () => new ApiError(403, { key: "forbidden" });
/** The 422 of a request whose fields say what is wrong. */
export const invalidFields = (fields: Record<string, FieldMessage>) => new ApiError(422, { key: "invalidFields" }, fields);
/** The 422 of one field's problem, said as the error and on the field. */
export const invalidField = (field: string, problem: Problem) => {
  const said = { validation: problem.key, values: problem.values };
  return new ApiError(422, said, { [field]: said });
};
