import "server-only";
import { access, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";

// The picture of the screen at a snapshot's creation lives under DATA_DIR, one file per snapshot;
// snapshot names can hold any character but '/', so the file name is the name in base64url.

function guestDir(hostId: string, uuid: string): string {
  return path.join(env().DATA_DIR, "snapshot-screens", Buffer.from(hostId).toString("base64url"), uuid);
}

function screenFile(hostId: string, uuid: string, name: string): string {
  return path.join(guestDir(hostId, uuid), `${Buffer.from(name).toString("base64url")}.png`);
}

export async function saveSnapshotScreenshot(hostId: string, uuid: string, name: string, png: Buffer): Promise<void> {
  await mkdir(guestDir(hostId, uuid), { recursive: true });
  await writeFile(screenFile(hostId, uuid, name), png);
}

export async function readSnapshotScreenshot(hostId: string, uuid: string, name: string): Promise<Buffer | null> {
  return readFile(screenFile(hostId, uuid, name)).catch(() => null);
}

export async function hasSnapshotScreenshot(hostId: string, uuid: string, name: string): Promise<boolean> {
  return access(screenFile(hostId, uuid, name)).then(
    () => true,
    () => false,
  );
}

export async function removeSnapshotScreenshots(hostId: string, uuid: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(screenFile(hostId, uuid, name), { force: true })));
}

/** When the guest goes with its snapshots. */
export async function removeAllSnapshotScreenshots(hostId: string, uuid: string): Promise<void> {
  await rm(guestDir(hostId, uuid), { recursive: true, force: true });
}
