import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listCloudImages, parseCloudImages } from "@/lib/osinfo/cloud-images";
import { DEFAULT_OSINFO_ROOT } from "@/lib/osinfo/database";

describe("osinfo cloud images", () => {
  it("reads each <image> of an OS with its arch, format, cloud-init flag and URL", () => {
    const xml = `<libosinfo version="0.0.1"><os id="http://example.org/demo/1"><name xml:lang="ja">デモ 1</name><name>Demo 1</name>
      <image arch="x86_64" format="qcow2" cloud-init="true"><url>https://example.org/demo-1.qcow2</url></image>
      <image arch="aarch64" format="raw"><url> https://example.org/demo-1-arm.raw </url></image>
      <image arch="x86_64" format="qcow2"></image>
    </os></libosinfo>`;
    expect(parseCloudImages(xml)).toEqual([
      {
        osId: "http://example.org/demo/1",
        osName: "Demo 1",
        arch: "x86_64",
        format: "qcow2",
        cloudInit: true,
        url: "https://example.org/demo-1.qcow2",
      },
      {
        osId: "http://example.org/demo/1",
        osName: "Demo 1",
        arch: "aarch64",
        format: "raw",
        cloudInit: false,
        url: "https://example.org/demo-1-arm.raw",
      },
    ]);
  });

  it("lists Debian's osinfo-db images that are HTTP(S) downloads only (no container disks)", () => {
    const images = listCloudImages();
    expect(images.some((i) => i.osId === "http://debian.org/debian/11" && i.format === "qcow2" && i.cloudInit)).toBe(true);
    expect(images.every((i) => /^https?:\/\//.test(i.url))).toBe(true);
  });

  it("adds the images of the local osinfo directory (libosinfo's /etc/osinfo) to osinfo-db's", () => {
    const local = mkdtempSync(path.join(tmpdir(), "osinfo-local-"));
    try {
      mkdirSync(path.join(local, "os", "example.org"), { recursive: true });
      writeFileSync(
        path.join(local, "os", "example.org", "golden.xml"),
        `<libosinfo version="0.0.1"><os id="http://example.org/golden/1"><name>Golden 1</name>
          <image arch="x86_64" format="qcow2" cloud-init="true"><url>http://mirror.example.org/golden.qcow2</url></image></os></libosinfo>`,
      );
      const images = listCloudImages(DEFAULT_OSINFO_ROOT, local);
      expect(images.find((i) => i.osId === "http://example.org/golden/1")).toMatchObject({ osName: "Golden 1", cloudInit: true });
      expect(images.some((i) => i.osId === "http://debian.org/debian/11")).toBe(true);
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });
});
