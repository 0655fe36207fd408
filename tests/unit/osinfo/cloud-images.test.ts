import { describe, expect, it } from "vitest";
import { listCloudImages, parseCloudImages } from "@/lib/osinfo/cloud-images";

describe("osinfo cloud images", () => {
  it("reads each <image> of an OS with its arch, format, cloud-init flag and URL", () => {
    const xml = `<libosinfo version="0.0.1"><os id="http://example.org/demo/1">
      <image arch="x86_64" format="qcow2" cloud-init="true"><url>https://example.org/demo-1.qcow2</url></image>
      <image arch="aarch64" format="raw"><url> https://example.org/demo-1-arm.raw </url></image>
      <image arch="x86_64" format="qcow2"></image>
    </os></libosinfo>`;
    expect(parseCloudImages(xml)).toEqual([
      { osId: "http://example.org/demo/1", arch: "x86_64", format: "qcow2", cloudInit: true, url: "https://example.org/demo-1.qcow2" },
      { osId: "http://example.org/demo/1", arch: "aarch64", format: "raw", cloudInit: false, url: "https://example.org/demo-1-arm.raw" },
    ]);
  });

  it("lists Debian's osinfo-db images that are HTTP(S) downloads only (no container disks)", () => {
    const images = listCloudImages();
    expect(images.some((i) => i.osId === "http://debian.org/debian/11" && i.format === "qcow2" && i.cloudInit)).toBe(true);
    expect(images.every((i) => /^https?:\/\//.test(i.url))).toBe(true);
  });
});
