// Guests saved to a file in a pool ("Save to file"), as the save and restore dialogs show them.

/** A pool a guest can be saved into: one with a directory on the host. */
export type SaveTargetPool = { name: string; availableBytes: number };

export type SaveTargets = { pools: SaveTargetPool[]; suggestedFile: string };

export type SavedImage = {
  pool: string;
  volume: string;
  guestName: string;
  guestUuid: string;
  sizeBytes: number;
  /** When the file was written (ms since the epoch), if libvirt reports it. */
  savedAt: number | null;
};

/** Saved states are recognised by this ending; the save dialog adds it. */
export const SAVE_SUFFIX = ".save";

export function withSaveSuffix(file: string): string {
  return file.endsWith(SAVE_SUFFIX) ? file : `${file}${SAVE_SUFFIX}`;
}
