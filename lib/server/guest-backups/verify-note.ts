import "server-only";
import type { VerifyNote, VerifyNoteKey } from "@/lib/guest-backups/verify-notes";
import english from "@/messages/en.json";
import { englishTranslator } from "../i18n/english";

const t = englishTranslator("verifyNotes");
const known = new Set(Object.keys(english.verifyNotes));

export const verifyNoteInEnglish = (note: VerifyNote) => t(note.key, note.values as never);

/** A problem reading a point back, in the console's words: stored by key on the point, English for the audit. */
export class VerifyProblem extends Error {
  constructor(readonly note: VerifyNote) {
    super(verifyNoteInEnglish(note));
  }
}
export const verifyProblem = (key: VerifyNoteKey, values?: VerifyNote["values"]) => new VerifyProblem({ key, values });

/** The stored note as pages get it: English (logs, older rows, libvirt's text), and the words when stored by key. */
export function readVerifyNote(stored: string | null): { verifyNote: string | null; verifyWords?: VerifyNote } {
  if (stored === null || !stored.startsWith("{")) return { verifyNote: stored };
  try {
    const note = JSON.parse(stored) as VerifyNote;
    return known.has(note.key) ? { verifyNote: verifyNoteInEnglish(note), verifyWords: note } : { verifyNote: stored };
  } catch {
    return { verifyNote: stored };
  }
}
