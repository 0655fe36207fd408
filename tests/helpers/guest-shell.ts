// Runs shell commands inside a test guest (scripts/test-guest) through its serial console, so
// integration tests can check what the guest itself sees: memory, disks, NICs after a change.
// Each call opens the console, types one line and lets go of the console again, so calls can
// follow each other (and waitForBoot or a browser console can take the console in between).
// Each call costs up to a second more than the command: QEMU polls once a second whether the pty
// console gained a reader and only then reads what was typed.
import { randomBytes } from "node:crypto";
import type { Libvirt, LibvirtStream } from "../../lib/libvirt";
import type { DomainRef } from "../../lib/libvirt/api/domains";
import { VirDomainConsoleFlags } from "../../lib/libvirt/generated/flags";
import { flagSet } from "../../lib/libvirt/flag-set";

const { VIR_DOMAIN_CONSOLE_SAFE: CONSOLE_SAFE, VIR_DOMAIN_CONSOLE_FORCE: CONSOLE_FORCE } = VirDomainConsoleFlags;

export interface GuestCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunInGuestOptions {
  timeoutMs?: number;
}

/**
 * Opens the console; when another session holds it (or libvirt has not yet noticed the previous one
 * ended) it takes the console over with FORCE: test guests have no other legitimate user.
 */
export async function openGuestConsole(lv: Libvirt, dom: DomainRef): Promise<LibvirtStream> {
  try {
    return await lv.domains.openConsole(dom, { flags: CONSOLE_SAFE });
  } catch {
    return await lv.domains.openConsole(dom, { flags: flagSet(CONSOLE_SAFE, CONSOLE_FORCE) });
  }
}

/**
 * The markers are printed with printf from two separate words, so the echoed command line (which
 * shows the words apart) never matches them; only the command's real output lies between them.
 */
function wrapCommand(command: string, id: string): string {
  const err = `/tmp/.rig-${id}.err`;
  return [
    `printf '%s-%s\\n' RIGB ${id}`,
    // A trailing ";" would make "{ cmd;; }" a syntax error.
    `{ ${command.replace(/[;\s]+$/, "")}; } 2>${err}`,
    `printf '\\n%s-%s:%s\\n' RIGE ${id} $?`,
    `cat ${err}`,
    `rm -f ${err}`,
    `printf '\\n%s-%s\\n' RIGF ${id}`,
  ].join("; ");
}

/** Cuts the command's stdout, exit code and stderr out of everything the console showed. */
function parseOutput(raw: string, id: string): GuestCommandResult | null {
  const text = raw.replace(/\r/g, "");
  const begin = text.indexOf(`RIGB-${id}\n`);
  const endRe = new RegExp(`\\nRIGE-${id}:(\\d+)\\n`);
  const end = endRe.exec(text);
  const finish = text.indexOf(`\nRIGF-${id}\n`);
  if (begin < 0 || !end || finish < 0 || end.index < begin) return null;
  return {
    stdout: text.slice(begin + `RIGB-${id}\n`.length, end.index),
    exitCode: Number(end[1]),
    stderr: text.slice(end.index + end[0].length, finish),
  };
}

/** Runs one single-line shell command in the guest and returns its stdout, stderr and exit code. */
export async function runInGuestFull(
  lv: Libvirt,
  dom: DomainRef,
  command: string,
  opts: RunInGuestOptions = {},
): Promise<GuestCommandResult> {
  // The guest's line editor would run each line on its own, splitting the markers from the command.
  if (/[\r\n]/.test(command)) throw new Error("runInGuest takes a single-line command");
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const id = randomBytes(6).toString("hex");
  const console = await openGuestConsole(lv, dom);
  let raw = "";
  try {
    return await new Promise<GuestCommandResult>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`guest command timed out after ${timeoutMs} ms: ${command}\nconsole showed: ${raw.slice(-800)}`)),
        timeoutMs,
      );
      const settle = (fn: () => void): void => {
        clearTimeout(timer);
        fn();
      };
      console.on("error", (e: Error) => settle(() => reject(e)));
      console.on("end", () => settle(() => reject(new Error(`guest console closed while running: ${command}`))));
      console.on("data", (d: Buffer) => {
        raw += d.toString("latin1");
        const result = parseOutput(raw, id);
        if (result) settle(() => resolve(result));
      });
      // Ctrl-U first: clears whatever a previous, interrupted caller left on the shell's input line.
      console.write(`\x15${wrapCommand(command, id)}\n`);
    });
  } finally {
    console.destroy();
  }
}

/** Runs one single-line shell command in the guest and returns its stdout (stderr is dropped). */
export async function runInGuest(lv: Libvirt, dom: DomainRef, command: string, opts: RunInGuestOptions = {}): Promise<string> {
  return (await runInGuestFull(lv, dom, command, opts)).stdout;
}

/**
 * Re-runs `command` until `predicate` accepts its stdout (hotplug and ballooning take a moment to
 * reach the guest) and returns that stdout; throws with the last output after `timeoutMs`.
 */
export async function waitInGuest(
  lv: Libvirt,
  dom: DomainRef,
  command: string,
  predicate: (stdout: string) => boolean,
  timeoutMs = 30_000,
  intervalMs = 500,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const left = deadline - Date.now();
    last = await runInGuest(lv, dom, command, { timeoutMs: Math.max(left, 5_000) });
    if (predicate(last)) return last;
    if (Date.now() + intervalMs > deadline)
      throw new Error(`guest output of "${command}" did not match within ${timeoutMs} ms; last output:\n${last}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
