// The words the server hands pages as keys (devices, QEMU's log, schedule runs): every locale says each of
// them, and they read back in English as the server used to write them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { readRunNote, runNote } from "@/lib/schedules/run-notes";
import { inEnglish } from "@/lib/server/guests/hardware/device-english";
import { diskCodec } from "@/lib/server/guests/hardware/families/disk";
import { smartcardCodec } from "@/lib/server/guests/hardware/families/smartcard";
import { jobLabel, readJobLabel } from "@/lib/server/jobs/job-label";
import { runNoteInEnglish } from "@/lib/server/schedules/run-note-english";
import { Disk, Smartcard } from "@/lib/xml";
import { flatten } from "../../helpers/message-catalogue";

const namespaces = ["deviceWords", "guestTrouble", "scheduleRuns", "clusterWords", "jobWords"];
const catalogue = (locale: string) =>
  JSON.parse(readFileSync(join(__dirname, "../../../messages", `${locale}.json`), "utf8")) as Record<string, Messages>;

describe("the server's words as keys", () => {
  it("has words for every key in every locale", () => {
    const english = catalogue("en");
    for (const locale of locales) {
      const own = catalogue(locale);
      for (const ns of namespaces) {
        const keys = [...flatten(english[ns]!).keys()];
        expect(keys.length).toBeGreaterThan(0);
        expect(
          keys.filter(
            (k) =>
              !flatten(own[ns] ?? {})
                .get(k)
                ?.trim() && !k.endsWith("eparator"),
          ),
          `${locale} ${ns}`,
        ).toEqual([]);
      }
    }
  });

  it("says a device by its kind's words and libvirt's own values", () => {
    const disk = Disk.parse("<disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>");
    expect(diskCodec.describe(disk).title).toEqual([{ key: "cdrom" }, { raw: "sda" }]);
    expect(inEnglish(diskCodec.describe(disk))).toEqual({ title: "CD-ROM sda", summary: "empty, sata" });
    expect(inEnglish(smartcardCodec.describe(Smartcard.parse("<smartcard mode='host'/>")))).toEqual({
      title: "Smartcard",
      summary: "Host reader",
    });
  });

  it("keeps an older run's text as it was stored, and reads notes with keys it knows", () => {
    expect(readRunNote("web1: its owner may no longer do this")).toBe("web1: its owner may no longer do this");
    expect(readRunNote({ key: "gone", values: {} })).toBe('{"key":"gone","values":{}}');
    const note = readRunNote(JSON.parse(JSON.stringify(runNote("backedUp", { guest: "web1", kind: "full", pool: "b", pruned: 2 }))));
    expect(runNoteInEnglish(note)).toBe("web1: full backup to b, 2 older points removed");
    expect(runNoteInEnglish(runNote("noGuest"))).toBe("No guest carries the tag");
  });

  it("stores a job's label as its key and names, and reads an older job's text as it is", () => {
    const stored = jobLabel("snapshotDelete", { name: "before-upgrade", below: 2 });
    expect(readJobLabel(stored)).toEqual({
      label: "Deleting snapshot before-upgrade and 2 below it",
      words: { key: "snapshotDelete", values: { name: "before-upgrade", below: 2 } },
    });
    expect(readJobLabel(jobLabel("snapshotDelete", { name: "a", below: 0 })).label).toBe("Deleting snapshot a");
    expect(readJobLabel("Creating disk1.qcow2 in default")).toEqual({ label: "Creating disk1.qcow2 in default" });
    expect(readJobLabel('{"key":"unknownKind","values":{}}')).toEqual({ label: '{"key":"unknownKind","values":{}}' });
  });
});
