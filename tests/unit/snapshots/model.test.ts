import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { buildSnapshotXml } from "@/lib/snapshots/build-xml";
import { createTranslator } from "next-intl";
import {
  deleteRefusal,
  descendants,
  revertRefusal,
  revertLoss,
  snapshotOptions,
  snapshotReasonText,
  snapshotTree,
  type Availability,
  type SnapshotRefusal,
  type SnapshotView,
} from "@/lib/snapshots/model";
import english from "@/messages/en.json";
import { createSnapshotSchema } from "@/lib/validations/snapshots";
import { Domain, DomainSnapshot } from "@/lib/xml";

// The model says why by key; the page words it (here in English).
const reasons = createTranslator({ locale: "en", messages: english, namespace: "snapshotWords" });
const refusals = createTranslator({ locale: "en", messages: english, namespace: "apiErrors" });
const inWords = (o: Availability) => (o.available ? o : { available: false, reason: snapshotReasonText(reasons, o.reason) });
const said = (r: SnapshotRefusal | null) => r && refusals(r.key, r.values as never);

const snap = (name: string, parent: string | null, createdAt: number, extra: Partial<SnapshotView> = {}): SnapshotView => ({
  name,
  parent,
  createdAt,
  description: "",
  state: "running",
  current: false,
  kind: "internal",
  files: [],
  hasScreenshot: false,
  ...extra,
});

describe("snapshot tree", () => {
  const all = [snap("b", "a", 2), snap("a", null, 1), snap("c", "a", 3), snap("d", "b", 4), snap("orphan", "gone", 5), snap("z", null, 0)];

  it("puts parents before children, siblings oldest first, with depth and child counts", () => {
    expect(snapshotTree(all).map((r) => [r.name, r.depth, r.children])).toEqual([
      ["z", 0, 0],
      ["a", 0, 2],
      ["b", 1, 1],
      ["d", 2, 0],
      ["c", 1, 0],
      ["orphan", 0, 0],
    ]);
  });

  it("finds every descendant", () => {
    expect(
      descendants(all, "a")
        .map((s) => s.name)
        .sort(),
    ).toEqual(["b", "c", "d"]);
    expect(descendants(all, "d")).toEqual([]);
  });
});

describe("which kinds are possible", () => {
  const qcow2 = { target: "vda", format: "qcow2", sourceType: "file", file: "/images/web.qcow2" };
  it("offers all three for a running guest with qcow2 file disks", () => {
    expect(snapshotOptions({ state: "running", disks: [qcow2], pflash: false })).toEqual({
      internal: { available: true },
      "external-disk": { available: true },
      "external-memory": { available: true },
    });
  });

  it("explains why not: a raw disk, UEFI pflash, no disk, a shut-off guest, a network disk", () => {
    const raw = snapshotOptions({
      state: "shutoff",
      disks: [qcow2, { target: "vdb", format: "raw", sourceType: "file", file: "/images/data.img" }],
      pflash: false,
    });
    expect(inWords(raw.internal)).toEqual({ available: false, reason: "Internal snapshots need every disk in qcow2 format; vdb is raw." });
    expect(raw["external-disk"]).toEqual({ available: true });
    expect(inWords(raw["external-memory"])).toEqual({
      available: false,
      reason: "Memory can only be saved while the guest is running or paused.",
    });
    expect(inWords(snapshotOptions({ state: "running", disks: [qcow2], pflash: true }).internal)).toMatchObject({
      available: false,
      reason: expect.stringMatching(/UEFI/),
    });
    const none = snapshotOptions({ state: "running", disks: [], pflash: false });
    expect(Object.values(none).map((o) => o.available)).toEqual([false, false, false]);
    const network = snapshotOptions({
      state: "paused",
      disks: [{ target: "vda", format: "qcow2", sourceType: "network", file: null }],
      pflash: false,
    });
    expect(inWords(network["external-disk"])).toEqual({
      available: false,
      reason: "An external snapshot puts a new file beside each disk's file, and vda is on network storage.",
    });
    expect(network["external-memory"]).toEqual(network["external-disk"]);
  });

  it("takes external snapshots of pool volumes that are files, and says in words which disks have no file", () => {
    const volume = { target: "vda", format: "qcow2", sourceType: "volume", file: "/var/lib/libvirt/images/web.qcow2" };
    expect(snapshotOptions({ state: "running", disks: [volume], pflash: false })["external-disk"]).toEqual({ available: true });
    const noFile = snapshotOptions({
      state: "shutoff",
      disks: [
        { ...volume, file: null },
        { target: "vdb", format: "raw", sourceType: "block", file: null },
      ],
      pflash: false,
    });
    expect(inWords(noFile["external-disk"])).toEqual({
      available: false,
      reason:
        "An external snapshot puts a new file beside each disk's file, and vda is a storage volume that is not a file (LVM, iSCSI or a disk partition), vdb is a host block device.",
    });
  });
});

describe("what libvirt refuses", () => {
  const ext = snap("ext", null, 1, { kind: "external-disk" });
  it("refuses reverting external snapshots before libvirt 9.7", () => {
    expect(said(revertRefusal(ext, "9.0.0"))).toMatch(/libvirt 9.0.0 on this host cannot revert to external snapshots/);
    expect(revertRefusal(ext, "9.7.0")).toBeNull();
    expect(revertRefusal(ext, "10.0.0")).toBeNull();
    expect(revertRefusal(snap("i", null, 1), "9.0.0")).toBeNull();
  });

  it("refuses deleting external snapshots with children, under an internal parent, or together with a parent", () => {
    const tree = [
      snap("root", null, 1),
      snap("ext", "root", 2, { kind: "external-disk" }),
      snap("leaf", null, 3, { kind: "external-memory" }),
      snap("top", "leaf", 4),
    ];
    expect(said(deleteRefusal(tree, "root", true))).toMatch(/together with their parent/);
    expect(deleteRefusal(tree, "root", false)).toBeNull();
    expect(said(deleteRefusal(tree, "ext", false))).toMatch(/whose parent is an internal snapshot/);
    expect(said(deleteRefusal(tree, "leaf", false))).toMatch(/has no children/);
    expect(deleteRefusal(tree, "top", true)).toBeNull();
    expect(deleteRefusal([snap("alone", null, 1, { kind: "external-disk" })], "alone", false)).toBeNull();
  });

  it("says what a revert loses", () => {
    expect(revertLoss(snap("s", null, 1), "running")).toEqual({ runningState: true, since: false, after: "running" });
    expect(revertLoss(snap("s", null, 1, { state: "shutoff", current: true }), "shutoff")).toEqual({
      runningState: false,
      since: true,
      after: "shutoff",
    });
  });
});

describe("snapshot names and XML", () => {
  it("accepts names like virt-manager, without '/' or control characters", () => {
    expect(createSnapshotSchema.safeParse({ name: "before upgrade (2)", kind: "internal" }).success).toBe(true);
    expect(issueText(createSnapshotSchema.safeParse({ name: "a/b", kind: "internal" }).error?.issues[0])).toBe("No '/'");
    expect(createSnapshotSchema.safeParse({ name: "a\tb", kind: "internal" }).success).toBe(false);
    expect(createSnapshotSchema.safeParse({ name: "x".repeat(65), kind: "internal" }).success).toBe(false);
    expect(createSnapshotSchema.safeParse({ name: "..", kind: "internal" }).success).toBe(false);
    expect(createSnapshotSchema.safeParse({ name: "ok", kind: "other" }).success).toBe(false);
  });

  const domain = Domain.parse(`<domain type='kvm'><name>web 1</name><devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
  </devices></domain>`);

  it("builds an external request with overlays beside the disks and CD-ROMs left out", () => {
    const s = DomainSnapshot.parse(buildSnapshotXml("external-memory", "before/after? no: pre up", "d", domain));
    expect(s.memorySnapshot).toBe("external");
    expect(s.memoryFile).toBe("/images/web_1.before_after__no__pre_up.mem");
    expect(s.disks.items.map((d) => [d.name, d.snapshot, d.sourceFile])).toEqual([
      ["vda", "external", "/images/web.before_after__no__pre_up.qcow2"],
      ["sda", "no", undefined],
    ]);
    expect(DomainSnapshot.parse(buildSnapshotXml("external-disk", "s", "", domain)).memorySnapshot).toBe("no");
    expect(buildSnapshotXml("internal", "s", "", domain)).toBe("<domainsnapshot>\n  <name>s</name>\n</domainsnapshot>\n");
  });

  it("puts the overlay of a pool-volume disk beside the volume's file", () => {
    const wizardMade = Domain.parse(`<domain type='kvm'><name>db</name><devices>
      <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='default' volume='db.qcow2'/><target dev='vda' bus='virtio'/></disk>
    </devices></domain>`);
    const files = new Map([["vda", "/var/lib/libvirt/images/db.qcow2"]]);
    const s = DomainSnapshot.parse(buildSnapshotXml("external-memory", "s1", "", wizardMade, files));
    expect(s.disks.items.map((d) => [d.name, d.snapshot, d.sourceFile])).toEqual([
      ["vda", "external", "/var/lib/libvirt/images/db.s1.qcow2"],
    ]);
    expect(s.memoryFile).toBe("/var/lib/libvirt/images/db.s1.mem");
  });
});
