/**
 * Why an OVA is refused, by key of messages/<locale>.json "apiErrors" (each key says what was wrong in
 * the person's words); the verb turns it into an ApiError. Kept apart from the server so the pure
 * readers (tar, OVF) and their unit tests need no server code.
 */
export type OvaProblemKey =
  | "ovaTruncated"
  | "ovaBadHeader"
  | "ovaUnsafeName"
  | "ovaLink"
  | "ovaDuplicate"
  | "ovaNoOvf"
  | "ovaNotXml"
  | "ovaNotOvf"
  | "ovaSeveralSystems"
  | "ovaMissingFile"
  | "ovaDigestMismatch"
  | "ovaBadManifest"
  | "ovaTooLarge"
  | "ovaNoScratchSpace"
  | "ovaDiskUnreadable";

export class OvaProblem extends Error {
  constructor(
    readonly key: OvaProblemKey,
    readonly values: Record<string, string> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
    this.name = "OvaProblem";
  }
}
