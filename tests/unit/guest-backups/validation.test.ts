import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { backUpGuestSchema, restorePointSchema } from "@/lib/validations/guest-backups";
import { createScheduleSchema } from "@/lib/validations/schedules";

const target = { kind: "tag", tag: "web" } as const;
const timing = { preset: "daily" } as const;
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => issueText(i)) ?? [];

describe("backup input", () => {
  it("a backup is full unless asked otherwise, and names a pool", () => {
    expect(backUpGuestSchema.parse({ pool: "backups" })).toEqual({ pool: "backups", kind: "full" });
    expect(backUpGuestSchema.safeParse({ pool: "../etc", kind: "full" }).success).toBe(false);
  });

  it("a restore in place needs the confirmation; one as a new guest needs a name", () => {
    expect(messages(restorePointSchema.safeParse({ mode: "in-place", confirm: false }))).toEqual([
      "Confirm that the guest's disks are replaced by the restore point's",
    ]);
    expect(restorePointSchema.safeParse({ mode: "in-place", confirm: true }).success).toBe(true);
    expect(restorePointSchema.safeParse({ mode: "new" }).success).toBe(false);
    expect(restorePointSchema.parse({ mode: "new", name: "web1-restored" })).toEqual({ mode: "new", name: "web1-restored" });
  });

  it("a backup schedule names its pool and how many points it keeps; other actions have no pool", () => {
    expect(messages(createScheduleSchema.safeParse({ action: "backup", target, timing }))).toEqual([
      "Say how many restore points to keep",
      "Choose the pool the backups go to",
    ]);
    const backup = { pool: "backups", kind: "incremental" } as const;
    expect(createScheduleSchema.safeParse({ action: "backup", target, timing, keep: 7, backup }).success).toBe(true);
    expect(messages(createScheduleSchema.safeParse({ action: "start", target, timing, backup }))).toEqual([
      "Only backup schedules have a backup pool",
    ]);
  });
});
