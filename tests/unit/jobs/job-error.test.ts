import { describe, expect, it } from "vitest";
import { jobError, readJobError, storedJobError } from "@/lib/server/jobs/job-error";

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

  it("keeps other errors, and rows stored before keys, as their text", () => {
    expect(storedJobError(new Error("operation aborted"), "operation aborted")).toBe("operation aborted");
    expect(readJobError("Cancelled while queued: the migration did not start")).toEqual({
      error: "Cancelled while queued: the migration did not start",
    });
    expect(readJobError('{"key":"noSuchKey","values":{}}')).toEqual({ error: '{"key":"noSuchKey","values":{}}' });
    expect(readJobError(null)).toEqual({ error: undefined });
  });
});
