import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { apiErrorWordsOf, JobNotesError, jobError, readJobError, storedJobError } from "@/lib/server/jobs/job-error";
import { runNote } from "@/lib/schedules/run-notes";
import { runNoteInEnglish } from "@/lib/server/schedules/run-note-english";
import { sizeError } from "@/lib/server/net/limit-body";
import { fetchRefusal } from "@/lib/server/net/fetch-error";

describe("a job's error said by key", () => {
  it("is stored as its words and read back with its English, for pages to word in their language", () => {
    const error = jobError("stalled", { seconds: 3, guest: "db1", source: "h1" });
    expect(error.message).toBe("Aborted by the cluster's migration policy: the data left to copy did not shrink for 3 s; db1 stays on h1.");
    const stored = storedJobError(error, error.message);
    expect(JSON.parse(stored)).toEqual({ key: "stalled", values: { seconds: 3, guest: "db1", source: "h1" } });
    expect(readJobError(stored)).toEqual({
      error: error.message,
      errorWords: { key: "stalled", values: { seconds: 3, guest: "db1", source: "h1" } },
    });
  });

  it("stores a refusal said by an apiErrors key (a fetch's reason inside it by key too) and reads back its English", () => {
    const refusal = fetchRefusal(sizeError(2 ** 20), "http://mirror.lan/disk.qcow2");
    expect(refusal.message).toBe("Could not fetch http://mirror.lan/disk.qcow2: it is larger than 1 MiB, the size limit");
    const stored = storedJobError(refusal, refusal.message);
    const said = {
      key: "couldNotFetch",
      values: { url: "http://mirror.lan/disk.qcow2", detail: { key: "tooLarge", values: { size: 1, unit: "MiB" } } },
    };
    expect(JSON.parse(stored)).toEqual({ apiError: said });
    expect(readJobError(stored)).toEqual({ error: refusal.message, errorSaid: said });
    // libvirt's own words stay its text.
    const libvirt = ApiError.libvirt(409, "internal error: no");
    expect(storedJobError(libvirt, libvirt.message)).toBe("internal error: no");
  });

  it("stores a schedule run's notes, a verb's refusal among them by key, beside their English", () => {
    const refusal = new ApiError(409, { key: "notRunning" });
    const failed = runNote("failed", { guest: "db1", reason: refusal.message }, apiErrorWordsOf(refusal) ?? undefined);
    const error = new JobNotesError([runNote("started", { guest: "web1" }), failed, "db2: libvirt says no"], runNoteInEnglish);
    expect(error.message).toBe(`web1: started; db1: ${refusal.message}; db2: libvirt says no`);
    const read = readJobError(storedJobError(error, error.message));
    expect(read.error).toBe(error.message);
    expect(read.errorNotes).toEqual([{ key: "started", values: { guest: "web1" } }, failed, "db2: libvirt says no"]);
    expect(failed.said).toEqual({ key: "notRunning", values: {} });
  });

  it("keeps what a failed job could not remove beside its words, and names it in the English text", () => {
    const left = [{ kind: "volume" as const, name: "default/web1.qcow2", message: "Storage volume busy" }];
    const byKey = readJobError(storedJobError(jobError("cancelled"), "Cancelled", left));
    expect(byKey).toEqual({
      error: "Cancelled Not removed: volume default/web1.qcow2: Storage volume busy.",
      errorWords: { key: "cancelled", values: {} },
      errorLeft: left,
    });
    const asText = readJobError(storedJobError(new Error("XML error: bad"), "XML error: bad", left));
    // The reason alone beside it, for pages that name what was left in their own language.
    expect(asText).toEqual({
      error: "XML error: bad Not removed: volume default/web1.qcow2: Storage volume busy.",
      errorText: "XML error: bad",
      errorLeft: left,
    });
  });

  it("a schedule run's note carries the words a job it waited for ended with", () => {
    const note = runNote("failed", { guest: "g1", reason: "Cancelled" }, undefined, { key: "cancelled", values: {} });
    const stored = storedJobError(new JobNotesError([note], runNoteInEnglish), "x");
    expect(readJobError(stored).errorNotes).toEqual([note]);
  });

  it("keeps other errors, and rows stored before keys, as their text", () => {
    expect(storedJobError(new Error("operation aborted"), "operation aborted")).toBe("operation aborted");
    expect(readJobError("Cancelled while queued: the migration did not start")).toEqual({
      error: "Cancelled while queued: the migration did not start",
    });
    expect(readJobError('{"key":"noSuchKey","values":{}}')).toEqual({ error: '{"key":"noSuchKey","values":{}}' });
    expect(readJobError(null)).toEqual({ error: undefined });
  });
});
