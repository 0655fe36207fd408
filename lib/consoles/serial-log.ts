// Shared by server and browser: a guest console's kept serial output, as the console page shows it.

export type SerialLogLineView = { id: number; at: string; text: string };

/**
 * Where the log comes from. reading: the console reads the device's log file on the host; waiting: the
 * file is not there yet (the guest has not written); no-log: the device writes no log file (one can be
 * added for the next boot); next-boot: added, applies when the guest next starts; unreadable: the file
 * could not be read (message says why); no-file-access: the host is reached over TCP/TLS, so its files
 * cannot be read.
 */
export type SerialLogSource = {
  state: "reading" | "waiting" | "no-log" | "next-boot" | "unreadable" | "no-file-access";
  path?: string;
  message?: string;
  /** This person may add a log file to the device (guest.manage on a persistent guest). */
  mayEnable: boolean;
};

export type SerialLogPage = {
  /** Oldest first; `more` says older lines (before the first) exist for the same search. */
  lines: SerialLogLineView[];
  more: boolean;
  source: SerialLogSource;
  days: number;
  maxLines: number;
};
