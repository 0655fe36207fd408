import { describe, expect, it } from "vitest";
import { readOsinfoDb } from "@/lib/osinfo";
import { osFromFileName, osFromImageList } from "@/lib/images/detect-os";
import { listCloudImages } from "@/lib/osinfo/cloud-images";
import { isOvaName } from "@/lib/images/types";

const db = readOsinfoDb();
const systems = db.entries.map((e) => ({ id: e.id, shortIds: e.shortIds }));
const shortIdOf = (name: string) => {
  const id = osFromFileName(name, systems);
  return id ? db.get(id)?.shortId : null;
};

describe("osFromFileName (against the osinfo-db on this machine)", () => {
  it.each([
    ["Fedora-Cloud-Base-37-1.7.x86_64.qcow2", "fedora37"],
    ["debian-11-genericcloud-amd64.qcow2", "debian11"],
    ["ubuntu-22.04-server-cloudimg-amd64.img", "ubuntu22.04"],
    ["https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-20240101.0.x86_64.qcow2", "centos-stream9"],
    ["cirros-0.5.2-x86_64-disk.img", "cirros0.5.2"],
  ])("reads %s as %s", (name, shortId) => {
    expect(shortIdOf(name)).toBe(shortId);
  });

  it.each(["disk.vmdk", "my-appliance-2.qcow2", "image-37.raw"])("guesses nothing for %s", (name) => {
    expect(osFromFileName(name, systems)).toBeNull();
  });
});

describe("osFromImageList (osinfo's own image list on this machine)", () => {
  const images = listCloudImages();
  const fedora = "https://dl.fedoraproject.org/pub/fedora/linux/releases/37/Cloud/x86_64/images/Fedora-Cloud-Base-37-1.7.x86_64.qcow2";

  it("knows a listed image by its URL, or an upload by the listed file name", () => {
    expect(osFromImageList(fedora, images)).toBe("http://fedoraproject.org/fedora/37");
    expect(osFromImageList("Fedora-Cloud-Base-37-1.7.x86_64.qcow2", images)).toBe("http://fedoraproject.org/fedora/37");
  });

  it("knows nothing of a file no OS lists, or one two OSes list", () => {
    expect(osFromImageList("disk.qcow2", images)).toBeNull();
    const twice = [
      { osId: "a", url: "https://a.example/x.qcow2" },
      { osId: "b", url: "https://b.example/x.qcow2" },
    ];
    expect(osFromImageList("x.qcow2", twice)).toBeNull();
    expect(osFromImageList("https://b.example/x.qcow2", twice)).toBe("b");
  });
});

describe("isOvaName", () => {
  it("knows an OVA by its name, in a URL too", () => {
    expect(isOvaName("Appliance.OVA")).toBe(true);
    expect(isOvaName("https://example.org/x.ova?sig=1")).toBe(true);
    expect(isOvaName("disk.vmdk")).toBe(false);
  });
});
