import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef, VolumeRef } from "@/lib/libvirt/api/storage";
import { detectFromTreeinfo, loadOsinfoDb, treeBootImages, TreeinfoParseError } from "@/lib/osinfo";
import type { DetectedOs } from "@/lib/new-guest/types";
import { StorageVolume } from "@/lib/xml";
import { ApiError } from "../http/errors";
import { openFtpFile } from "./ftp-file";
import { openNfsFile } from "./nfs-file";
import { osOption } from "./os-advice";

const TIMEOUT_MS = 20_000;
const MAX_TREEINFO_BYTES = 1024 * 1024;

const joinUrl = (base: string, relative: string) => new URL(relative, base.endsWith("/") ? base : `${base}/`).toString();

/** One file of the tree over HTTP(S), FTP or NFS: its size when the server says it, and its bytes. */
async function openTreeFile(url: string): Promise<{ size: number | null; body: Readable }> {
  const parsed = new URL(url);
  if (parsed.protocol === "nfs:") {
    return openNfsFile(parsed, TIMEOUT_MS).catch((err: Error) => {
      throw new ApiError(409, `Could not fetch ${url}: ${err.message}`);
    });
  }
  if (parsed.protocol === "ftp:") {
    return openFtpFile(parsed, TIMEOUT_MS).catch((err: Error) => {
      throw new ApiError(409, `Could not fetch ${url}: ${err.message}`);
    });
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" }).catch((err: Error) => {
    throw new ApiError(409, `Could not fetch ${url}: ${err.cause instanceof Error ? err.cause.message : err.message}`);
  });
  if (!res.ok || !res.body) throw new ApiError(409, `${url} answered ${res.status} ${res.statusText}`);
  const length = res.headers.get("content-length");
  return { size: length === null ? null : Number(length), body: Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>) };
}

async function readText(url: string, maxBytes: number): Promise<string> {
  const { body } = await openTreeFile(url);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= maxBytes) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
}

export type InstallTree = DetectedOs & { kernel: string; initrd: string };

/** Reads a tree's .treeinfo: the OS it installs (via osinfo) and where its installer kernel and initrd are. */
export async function readInstallTree(url: string, arch = "x86_64"): Promise<InstallTree> {
  const text = await readText(joinUrl(url, ".treeinfo"), MAX_TREEINFO_BYTES);
  try {
    const match = detectFromTreeinfo(await loadOsinfoDb(), text);
    const images = treeBootImages(text, arch);
    if (!images) throw new ApiError(409, `The tree's .treeinfo names no installer kernel and initrd for ${arch}`);
    return {
      os: match ? osOption(match.os) : null,
      volumeLabel: null,
      kernel: joinUrl(url, images.kernel),
      initrd: joinUrl(url, images.initrd),
    };
  } catch (err) {
    if (err instanceof TreeinfoParseError) throw new ApiError(409, `${joinUrl(url, ".treeinfo")} is not a .treeinfo file`);
    throw err;
  }
}

/**
 * Streams a file from the tree into a new raw volume through libvirt (so the host needs no access to
 * the mirror, and remote hosts work). The size must be known up front: libvirt volumes have one.
 */
export async function fetchIntoVolume(lv: Libvirt, pool: PoolRef, name: string, url: string): Promise<VolumeRef> {
  const { size, body } = await openTreeFile(url);
  if (!size || !(size > 0)) {
    body.destroy();
    throw new ApiError(409, `${url} did not say how large it is (no Content-Length or SIZE)`);
  }
  const volume = await lv.storage.createVolume(
    pool,
    new StorageVolume({ name, capacityBytes: size, allocationBytes: 0, format: "raw" }).toXml(),
  );
  try {
    await lv.storage.upload(volume, body, 0n, BigInt(size));
    return volume;
  } catch (err) {
    body.destroy();
    await lv.storage.deleteVolume(volume).catch(() => undefined);
    throw err;
  }
}

/**
 * A URL as the installer (inst.repo, inst.ks) takes it: as it is, except NFS, which anaconda writes
 * as nfs:[options:]host:/path (a port other than 2049 goes in the options).
 */
export function installerUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "nfs:") return url;
  const options = parsed.port ? `nfsvers=4,port=${parsed.port}:` : "";
  return `nfs:${options}${parsed.hostname}:${decodeURIComponent(parsed.pathname)}`;
}
