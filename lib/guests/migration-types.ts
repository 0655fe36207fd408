// Shared by server and browser: the migration preflight's findings and a running migration's progress.

export type MigrationProblem = {
  /** blocking: the migration is refused while it stands; warning: it may fail, the console cannot tell. */
  severity: "blocking" | "warning";
  /** What it is about: "cpu", "network", "disk", "guest", "host". */
  topic: string;
  message: string;
};

export type MigrationCheck = {
  problems: MigrationProblem[];
  /** The URI the source host's libvirtd will connect to, so people see what will be used. */
  peerUri: string | null;
  ok: boolean;
};

/** JobView.detail of a guest.migrate job (bytes, bytes/s, milliseconds), from libvirt's job statistics. */
export type MigrationProgress = {
  phase: "starting" | "copying" | "finishing";
  dataTotal?: number;
  dataProcessed?: number;
  dataRemaining?: number;
  bytesPerSecond?: number;
  expectedDowntimeMs?: number;
  elapsedMs?: number;
};

/** JobView.result of a finished guest.migrate job: where the guest is now. */
export type MigrationResult = { hostId: string; uuid: string; name: string };
