// Shared by server and browser: CD media from the approved ISO library (Admin → Settings).

/** A guest's CD drive and what is in it. */
export type CdDrive = { target: string; path: string | null };
/** An approved ISO image on the guest's host. */
export type LibraryIso = { path: string; name: string };
export type GuestMedia = { drives: CdDrive[]; library: LibraryIso[] };

/** For the admin's choice: each host's ISO volumes. */
export type IsoCandidates = {
  hosts: { id: string; name: string; error?: string; isos: { path: string; name: string; pool: string; bytes: number }[] }[];
};

export const isoName = (path: string) => path.split("/").pop() ?? path;
