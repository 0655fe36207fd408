import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { jobError, readJobError, storedJobError } from "@/lib/server/jobs/job-error";
import { readVerifyNote, verifyProblem } from "@/lib/server/guest-backups/verify-note";
import ja from "@/messages/ja.json";

describe("a restore point's verify note and a backup's failure, said by key", () => {
  it("stores the note's words, reads back its English and the words a page says in its language", () => {
    const problem = verifyProblem("wrongBacking", { volume: "db1-b.qcow2", parent: "db1-a.qcow2", backing: "/pool/other.qcow2" });
    expect(problem.message).toBe("db1-b.qcow2 should build on db1-a.qcow2 but its backing file is /pool/other.qcow2");
    const read = readVerifyNote(JSON.stringify(problem.note));
    expect(read).toEqual({ verifyNote: problem.message, verifyWords: problem.note });
    const t = createTranslator({ locale: "ja", messages: ja, namespace: "verifyNotes" });
    expect(t(read.verifyWords!.key, read.verifyWords!.values as never)).toBe(
      "db1-b.qcow2 は db1-a.qcow2 を基にするはずですが、バッキングファイルは /pool/other.qcow2 です",
    );
    // libvirt's refusal of the read, and notes stored before keys, stay text.
    expect(readVerifyNote("Read back 1 disk(s) through 2 file(s) each")).toEqual({
      verifyNote: "Read back 1 disk(s) through 2 file(s) each",
    });
    expect(readVerifyNote(null)).toEqual({ verifyNote: null });
  });

  it("keeps QEMU's reason as QEMU wrote it inside the console's words", () => {
    const stopped = jobError("backupStopped", { reason: "No space left on device" });
    expect(stopped.message).toBe("QEMU stopped the backup: No space left on device");
    const { errorWords } = readJobError(storedJobError(stopped, stopped.message));
    const t = createTranslator({ locale: "ja", messages: ja, namespace: "jobErrors" });
    expect(t(errorWords!.key, errorWords!.values as never)).toBe("QEMU がバックアップを停止しました: No space left on device");
  });
});
