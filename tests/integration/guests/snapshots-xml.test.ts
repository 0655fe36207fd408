// Every <domainsnapshot> the console builds passes libvirt's own schema check (virt-xml-validate).
import { describe, expect, it } from "vitest";
import { schemaProblem } from "@/lib/server/xml/schema-check";
import { buildSnapshotXml } from "@/lib/snapshots/build-xml";
import { snapshotKinds } from "@/lib/snapshots/model";
import { Domain, DomainSnapshot } from "@/lib/xml";

const domain = Domain.parse(`<domain type='kvm'><name>vc-snapxml</name><devices>
  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/srv/b.img'/><target dev='vdb' bus='virtio'/></disk>
  <disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>
</devices></domain>`);

describe("snapshot XML", () => {
  it.each(snapshotKinds)("the %s request is valid", async (kind) => {
    expect(await schemaProblem(buildSnapshotXml(kind, "before upgrade", "with <markup> & quotes'", domain), "domainsnapshot")).toBeNull();
  });

  it("an edited description is still valid, and a broken document is not", async () => {
    const s = DomainSnapshot.parse(buildSnapshotXml("internal", "s1", "", domain));
    s.description = "new text";
    expect(await schemaProblem(s.toXml(), "domainsnapshot")).toBeNull();
    expect(await schemaProblem("<domainsnapshot><memory snapshot='sideways'/></domainsnapshot>", "domainsnapshot")).not.toBeNull();
  });
});
