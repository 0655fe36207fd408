// The OVA's tar reader: members found in place (ustar, pax and GNU long names), and the archives an OVA
// must never be: names that leave the directory, links, truncated files, broken headers, no .ovf.
import { describe, expect, it } from "vitest";
import { OvaProblem } from "@/lib/ova/problems";
import { listTar, safeMemberName } from "@/lib/ova/tar";
import { tarHeader, tarOf } from "../../helpers/ova";

const reader = (archive: Buffer) => async (offset: number, length: number) => archive.subarray(offset, offset + length);
const list = (archive: Buffer) => listTar(reader(archive), archive.length);
const ovf = { name: "a.ovf", data: Buffer.from("<Envelope/>") };

async function refusal(archive: Buffer): Promise<OvaProblem> {
  const err = await list(archive).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OvaProblem);
  return err as OvaProblem;
}

describe("listTar", () => {
  it("lists regular members with the offsets and sizes of their bytes", async () => {
    const disk = Buffer.alloc(1300, 7);
    const archive = tarOf([ovf, { name: "disk1.vmdk", data: disk }]);
    const entries = await list(archive);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ["a.ovf", ovf.data.length],
      ["disk1.vmdk", 1300],
    ]);
    const d = entries[1];
    expect(archive.subarray(d.offset, d.offset + d.size).equals(disk)).toBe(true);
  });

  it("takes pax path records and GNU long names, and a leading ./", async () => {
    const long = `${"x".repeat(120)}.ovf`;
    const record = " path=./named-by-pax.vmdk\n";
    const pax = Buffer.from(`${record.length + 2}${record}`); // the length counts its own two digits
    const archive = tarOf([
      { name: "././@LongLink", type: "L", data: Buffer.from(`${long}\0`) },
      { name: "ignored", data: Buffer.from("<Envelope/>") },
      { name: "PaxHeaders/x", type: "x", data: pax },
      { name: "short", data: Buffer.alloc(3) },
      { name: "./c.mf", data: Buffer.alloc(1) },
    ]);
    expect((await list(archive)).map((e) => e.name)).toEqual([long, "named-by-pax.vmdk", "c.mf"]);
  });

  it("refuses names that could leave the scratch directory, whatever their spelling", async () => {
    for (const name of ["../etc/passwd", "/etc/passwd", "sub/disk.vmdk", "..", ".hidden", "a\\b", "bad\x01name"]) {
      const err = await refusal(tarOf([ovf, { name, data: Buffer.alloc(1) }]));
      expect(err.key, name).toBe("ovaUnsafeName");
    }
    expect(() => safeMemberName("./ok.vmdk")).not.toThrow();
  });

  it("refuses links, directories and the same name twice", async () => {
    expect((await refusal(tarOf([ovf, { name: "disk.vmdk", type: "2", linkName: "/etc/shadow", data: Buffer.alloc(0) }]))).key).toBe(
      "ovaLink",
    );
    expect((await refusal(tarOf([ovf, { name: "hard", type: "1", linkName: "a.ovf", data: Buffer.alloc(0) }]))).key).toBe("ovaLink");
    expect((await refusal(tarOf([ovf, { name: "dir", type: "5", data: Buffer.alloc(0) }]))).key).toBe("ovaLink");
    expect((await refusal(tarOf([ovf, ovf]))).key).toBe("ovaDuplicate");
  });

  it("refuses an archive cut short inside a member or inside a header", async () => {
    const whole = tarOf([ovf, { name: "disk.vmdk", data: Buffer.alloc(5000, 1) }]);
    expect((await refusal(whole.subarray(0, 512 + 512 + 1000))).key).toBe("ovaTruncated");
    expect((await refusal(whole.subarray(0, 512 + 512 + 300))).key).toBe("ovaTruncated");
    // The members end exactly at the file's end without end blocks: still a whole archive.
    expect(await list(whole.subarray(0, whole.length - 1024))).toHaveLength(2);
  });

  it("refuses a header whose checksum does not match, and text that is no tar", async () => {
    const archive = tarOf([ovf]);
    archive[10] ^= 0xff;
    expect((await refusal(archive)).key).toBe("ovaBadHeader");
    expect((await refusal(Buffer.from("<?xml version='1.0'?><Envelope/>".padEnd(2048, " ")))).key).toBe("ovaBadHeader");
  });

  it("refuses an archive without an .ovf descriptor", async () => {
    expect((await refusal(tarOf([{ name: "disk.vmdk", data: Buffer.alloc(10) }]))).key).toBe("ovaNoOvf");
    expect((await refusal(Buffer.alloc(1024))).key).toBe("ovaNoOvf");
  });

  it("reads sizes written in base-256 (GNU, members over 8 GiB)", async () => {
    const h = tarHeader({ name: "a.ovf", size: 0 });
    h.fill(0, 124, 136);
    h[124] = 0x80;
    h[135] = 11;
    h.write("        ", 148);
    let sum = 0;
    for (const byte of h) sum += byte;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    const archive = Buffer.concat([h, Buffer.from("<Envelope/>").subarray(0, 11), Buffer.alloc(501), Buffer.alloc(1024)]);
    expect((await list(archive))[0].size).toBe(11);
  });
});
