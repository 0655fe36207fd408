import "server-only";
import { Readable } from "node:stream";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef, VolumeRef } from "@/lib/libvirt/api/storage";
import { detectFromTreeinfo, loadOsinfoDb, treeBootImages, TreeinfoParseError } from "@/lib/osinfo";
import type { DetectedOs } from "@/lib/new-guest/types";
import { StorageVolume } from "@/lib/xml";
import { ApiError } from "../http/errors";
import { guardedDialer } from "../net/guarded-connect";
import { fetchRefusal } from "../net/fetch-error";
import { guardedGet } from "../net/guarded-fetch";
import { Deadline, limitBody, sizeError } from "../net/limit-body";
import { openFtpFile } from "./ftp-file";
import { openNfsFile } from "./nfs-file";
import { osOption } from "./os-advice";
import type { VerbContext } from "../verb-context";

/** How long a server may stay silent (connecting, answering, sending). */
const IDLE_MS = 20_000;
/** Caps per file: the .treeinfo is small text; installer kernels and initrds are large but not huge. */
const TREEINFO = { maxBytes: 1024 * 1024, timeoutMs: 60_000 };
const INSTALLER_FILE = { maxBytes: 2 * 1024 ** 3, timeoutMs: 30 * 60_000 };
type Limits = typeof TREEINFO;

const joinUrl = (base: string, relative: string) => new URL(relative, base.endsWith("/") ? base : `${base}/`).toString();

/**
 * One file of the tree over HTTP(S), FTP or NFS: its size when the server says it, and its bytes.
 * Every connection goes through the console's address rules (lib/server/net), and the bytes are capped
 * in size and time.
 */
async function openTreeFile(url: string, limits: Limits): Promise<{ size: number | null; body: Readable }> {
  const parsed = new URL(url);
  if (parsed.protocol === "http:" || parsed.protocol === "https:") {
    return guardedGet(url, { ...limits, idleTimeoutMs: IDLE_MS }).catch((err: unknown) => {
      throw fetchRefusal(err, url);
    });
  }
  const deadline = new Deadline(limits.timeoutMs);
  const dial = guardedDialer({ connectTimeoutMs: IDLE_MS });
  const opened =
    parsed.protocol === "nfs:" ? openNfsFile(parsed, { dial, timeoutMs: IDLE_MS }) : openFtpFile(parsed, { dial, timeoutMs: IDLE_MS });
  const { size, body } = await opened.catch((err: unknown) => {
    throw fetchRefusal(err, url);
  });
  if (size !== null && size > limits.maxBytes) {
    body.destroy();
    throw fetchRefusal(sizeError(limits.maxBytes), url);
  }
  return { size, body: limitBody(body, { ...limits, deadline, what: url }) };
}

async function readText(url: string, limits: Limits): Promise<string> {
  const { body } = await openTreeFile(url, limits);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk as Buffer);
  } catch (err) {
    throw fetchRefusal(err, url);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type InstallTree = DetectedOs & { kernel: string; initrd: string };

/** Reads a tree's .treeinfo: the OS it installs (via osinfo) and where its installer kernel and initrd are. */
export async function readInstallTree(url: string, arch = "x86_64"): Promise<InstallTree> {
  const text = await readText(joinUrl(url, ".treeinfo"), TREEINFO);
  try {
    const match = detectFromTreeinfo(await loadOsinfoDb(), text);
    const images = treeBootImages(text, arch);
    if (!images) throw new ApiError(409, { key: "treeNoKernel", values: { arch } });
    return {
      os: match ? osOption(match.os) : null,
      volumeLabel: null,
      kernel: joinUrl(url, images.kernel),
      initrd: joinUrl(url, images.initrd),
    };
  } catch (err) {
    if (err instanceof TreeinfoParseError) throw new ApiError(409, { key: "notTreeinfo", values: { url: joinUrl(url, ".treeinfo") } });
    throw err;
  }
}

/**
 * Streams a file from the tree into a new raw volume through libvirt (so the host needs no access to
 * the mirror, and remote hosts work). The size must be known up front: libvirt volumes have one.
 * `append` goes after the file, from a 4-byte boundary (zeros between): how an initrd gets one more
 * cpio archive, which the kernel unpacks over the first.
 */
export async function fetchIntoVolume(lv: Libvirt, pool: PoolRef, name: string, url: string, append?: Buffer): Promise<VolumeRef> {
  const { size, body } = await openTreeFile(url, INSTALLER_FILE);
  if (!size || !(size > 0)) {
    body.destroy();
    throw new ApiError(409, { key: "sizeUnknown", values: { url } });
  }
  const tail = append ? Buffer.concat([Buffer.alloc((4 - (size % 4)) % 4), append]) : null;
  const total = size + (tail?.length ?? 0);
  const volume = await lv.storage.createVolume(
    pool,
    new StorageVolume({ name, capacityBytes: total, allocationBytes: 0, format: "raw" }).toXml(),
  );
  try {
    await lv.storage.upload(volume, tail ? Readable.from(withTail(body, tail)) : body, 0n, BigInt(total));
    return volume;
  } catch (err) {
    body.destroy();
    await lv.storage.deleteVolume(volume).catch(() => undefined);
    throw err;
  }
}

async function* withTail(body: Readable, tail: Buffer): AsyncGenerator<Buffer> {
  for await (const chunk of body) yield chunk as Buffer;
  yield tail;
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

/** The wizard's check of a network install tree: the OS it installs and its installer kernel and initrd (x86_64). */
export function checkInstallTree(_ctx: VerbContext, { url }: { url: string }): Promise<InstallTree> {
  return readInstallTree(url);
}
