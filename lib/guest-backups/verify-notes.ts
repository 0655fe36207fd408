// Shared by server and browser: what reading a restore point back found, as a key of messages' "verifyNotes" with
// its names (stored as JSON on the point), so pages say it in their language. libvirt's refusal of the read, and
// notes stored before keys, are text and show as they are.
import type english from "@/messages/en.json";

export type VerifyNoteKey = keyof (typeof english)["verifyNotes"];
export type VerifyNote = { key: VerifyNoteKey; values?: Record<string, string | number> };
