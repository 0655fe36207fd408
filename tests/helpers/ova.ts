// Builds virtual appliances (OVA) for the tests: a ustar archive written here (so the reader is tested
// against bytes we control), an OVF written by the test, a manifest with SHA-256 digests, and VMDK disks
// made by qemu-img (streamOptimized, as VMware exports them).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type TarMember = { name: string; data: Buffer; type?: string; linkName?: string };

const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0") + "\0";

/** One ustar header block for `m`, with its checksum. */
export function tarHeader(m: { name: string; size: number; type?: string; linkName?: string }): Buffer {
  const h = Buffer.alloc(512);
  h.write(m.name, 0, 100, "utf8");
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(m.size, 12), 124);
  h.write(octal(0, 12), 136);
  h.write("        ", 148);
  h.write(m.type ?? "0", 156);
  if (m.linkName) h.write(m.linkName, 157, 100);
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + " ", 148);
  return h;
}

/** A tar archive of the members in order, with its two end blocks. */
export function tarOf(members: TarMember[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    parts.push(tarHeader({ name: m.name, size: m.data.length, type: m.type, linkName: m.linkName }));
    parts.push(m.data, Buffer.alloc((512 - (m.data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A manifest of SHA-256 lines, as ovftool writes it. */
export const manifestOf = (members: TarMember[]) => Buffer.from(members.map((m) => `SHA256(${m.name})= ${sha256(m.data)}\n`).join(""));

/** A streamOptimized VMDK of `mib` MiB whose first bytes are `marker` (so a converted disk can be recognised). */
export function vmdkDisk(mib: number, marker = "OVA-TEST-DISK"): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "vc-ova-fixture-"));
  try {
    const raw = path.join(dir, "disk.raw");
    const vmdk = path.join(dir, "disk.vmdk");
    execFileSync("qemu-img", ["create", "-q", "-f", "raw", raw, `${mib}M`]);
    const bytes = readFileSync(raw);
    bytes.write(marker, 0);
    writeFileSync(raw, bytes);
    execFileSync("qemu-img", ["convert", "-q", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw, vmdk]);
    return readFileSync(vmdk);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type OvfOptions = {
  name?: string;
  vcpus?: number;
  memoryMiB?: number;
  disks?: { file: string; capacityMiB: number }[];
  nics?: ("E1000" | "VmxNet3")[];
  firmware?: "efi" | "bios";
  osType?: string;
  extraItems?: string;
};

/** An OVF as VMware's ovftool writes it (prefixed namespaces, byte * 2^20 units), for the given hardware. */
export function ovfOf(o: OvfOptions = {}): string {
  const disks = o.disks ?? [{ file: "disk1.vmdk", capacityMiB: 32 }];
  let id = 1;
  const item = (body: string) => `      <Item>\n        <rasd:InstanceID>${id++}</rasd:InstanceID>\n${body}\n      </Item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
  xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
  xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
${disks.map((d, i) => `    <File ovf:id="file${i + 1}" ovf:href="${d.file}"/>`).join("\n")}
  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
${disks
  .map(
    (d, i) =>
      `    <Disk ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}" ovf:capacity="${d.capacityMiB}" ovf:capacityAllocationUnits="byte * 2^20" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`,
  )
  .join("\n")}
  </DiskSection>
  <NetworkSection><Info>The list of logical networks</Info><Network ovf:name="VM Network"/></NetworkSection>
  <VirtualSystem ovf:id="${o.name ?? "test appliance"}">
    <Info>A virtual machine</Info>
    <Name>${o.name ?? "test appliance"}</Name>
    <OperatingSystemSection ovf:id="94" vmw:osType="${o.osType ?? "ubuntu64Guest"}"><Info>OS</Info><Description>Ubuntu Linux (64-bit)</Description></OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements</Info>
      <System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>
${item(`        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:ElementName>${o.vcpus ?? 2} virtual CPU(s)</rasd:ElementName><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${o.vcpus ?? 2}</rasd:VirtualQuantity>`)}
${item(`        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>${o.memoryMiB ?? 192}</rasd:VirtualQuantity>`)}
${item(`        <rasd:ElementName>SCSI controller 0</rasd:ElementName><rasd:ResourceSubType>lsilogic</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType>`)}
${disks.map((_, i) => item(`        <rasd:ElementName>Hard disk ${i + 1}</rasd:ElementName><rasd:HostResource>ovf:/disk/vmdisk${i + 1}</rasd:HostResource><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType>`)).join("\n")}
${(o.nics ?? ["E1000"]).map((n, i) => item(`        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation><rasd:Connection>VM Network</rasd:Connection><rasd:ElementName>Network adapter ${i + 1}</rasd:ElementName><rasd:ResourceSubType>${n}</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType>`)).join("\n")}
${item(`        <rasd:ElementName>USB controller</rasd:ElementName><rasd:ResourceType>23</rasd:ResourceType>`)}
${item(`        <rasd:ElementName>Sound card</rasd:ElementName><rasd:ResourceSubType>vmware.soundcard.hdaudio</rasd:ResourceSubType><rasd:ResourceType>1</rasd:ResourceType>`)}
${item(`        <rasd:ElementName>Serial port 1</rasd:ElementName><rasd:ResourceType>21</rasd:ResourceType>`)}
${o.extraItems ?? ""}
      ${o.firmware ? `<vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="${o.firmware}"/>` : ""}
      <vmw:ExtraConfig ovf:required="false" vmw:key="svga.present" vmw:value="TRUE"/>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

/**
 * An OVA file: the OVF first, then the manifest (unless `manifest: false`), then the disks. `tamper`
 * changes a disk's bytes after the manifest was computed (a digest mismatch).
 */
export function writeOva(
  file: string,
  o: OvfOptions & { manifest?: boolean; tamper?: boolean; ovfText?: string; diskMiB?: number } = {},
): string {
  const disks = o.disks ?? [{ file: "disk1.vmdk", capacityMiB: o.diskMiB ?? 32 }];
  const ovf: TarMember = { name: "appliance.ovf", data: Buffer.from(o.ovfText ?? ovfOf({ ...o, disks })) };
  const diskMembers = disks.map((d) => ({ name: d.file, data: vmdkDisk(d.capacityMiB) }));
  const manifest = manifestOf([ovf, ...diskMembers]);
  if (o.tamper) diskMembers[0].data = Buffer.concat([diskMembers[0].data.subarray(0, -1), Buffer.from([1])]);
  const members = [ovf, ...(o.manifest === false ? [] : [{ name: "appliance.mf", data: manifest }]), ...diskMembers];
  writeFileSync(file, tarOf(members));
  return file;
}
