import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { guestNameFrom, type OvaSummary } from "@/lib/ova/summary";
import { OvaProblem } from "@/lib/ova/problems";
import { audited } from "../audit";
import { DiskImageError, inspectImage } from "../disk-images/qemu-img";
import { hostConnection } from "../storage/storage-target";
import type { VerbContext } from "../verb-context";
import { dropAppliance, receiveAppliance } from "./scratch";
import { ovaRefusal } from "./refusal";

/**
 * "Import a virtual appliance (OVA)", its first half: the uploaded archive is received on the console's
 * machine, checked (tar names, manifest digests, OVF, each disk readable by qemu-img and standing alone)
 * and described to the wizard, which fills its steps from it. Nothing reaches a host yet.
 */
export async function receiveOva(
  ctx: VerbContext,
  { hostId, sizeBytes, body, signal }: { hostId: string; sizeBytes: number; body: Readable; signal: AbortSignal },
): Promise<OvaSummary> {
  const { hostName } = await hostConnection(hostId);
  const change = { action: "guest.ova.receive" as const, target: `host:${hostName}`, details: { sizeBytes } as Record<string, unknown> };
  return audited(ctx, change, async () => {
    let upload: string | null = null;
    let file: string | undefined;
    try {
      const { id, meta } = await receiveAppliance({ ownerId: ctx.actor.id, hostId }, body, sizeBytes, signal);
      upload = id;
      const disks = [];
      for (const [i, disk] of meta.guest.disks.entries()) {
        file = disk.file;
        const info = await inspectImage(meta.diskFiles[i], signal);
        // A text file posing as a VMDK descriptor reads as raw: the OVF's word decides what the file must be.
        if (disk.format && info.format !== disk.format)
          throw new DiskImageError("notAnImage", `the OVF says ${disk.format}, but the file reads as ${info.format}`);
        disks.push({ file: disk.file, format: info.format, virtualBytes: info.virtualBytes });
      }
      change.details = { ...change.details, upload: id, name: meta.guest.name, disks: disks.length };
      const { guest } = meta;
      return {
        upload: id,
        name: guest.name,
        guestName: guestNameFrom(guest.name),
        vcpus: guest.vcpus,
        memoryMiB: guest.memoryMiB,
        firmware: guest.firmware,
        os: guest.os,
        nics: guest.nics.length,
        nicModel: guest.nics[0]?.model ?? null,
        disks,
        unmapped: guest.unmapped,
      };
    } catch (err) {
      if (upload) await dropAppliance(upload);
      if (err instanceof OvaProblem || err instanceof DiskImageError) throw ovaRefusal(err, file && path.basename(file));
      throw err;
    }
  });
}
