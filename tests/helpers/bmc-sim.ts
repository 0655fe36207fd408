// A simulated management controller (OpenIPMI's ipmi_sim) on loopback, for the high-availability tests: IPMI over
// LAN (lanplus) with one admin user, whose chassis power is whatever `powerScript` says. ipmi_sim runs the script as
// `<script> 0x20 get power` (it prints "power:1" or "power:0") and `<script> 0x20 set power 0|1`.
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export type BmcSim = { address: string; port: number; user: string; password: string; dir: string; stop(): Promise<void> };

/** A loopback UDP port nothing is bound to now. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = dgram.createSocket("udp4");
    probe.once("error", reject);
    probe.bind(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts ipmi_sim with a lan.conf and emulator commands written into a fresh directory. Needs the openipmi package. */
export async function startBmcSim(powerScript: string): Promise<BmcSim> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bmc-sim-"));
  const port = await freeUdpPort();
  const user = "fence";
  const password = "bmc-test-password";
  const control = path.join(dir, "chassis-control.sh");
  await writeFile(control, powerScript, { mode: 0o755 });
  await writeFile(
    path.join(dir, "lan.conf"),
    `name "virt-console-test"
set_working_mc 0x20
  startlan 1
    addr 127.0.0.1 ${port}
    priv_limit admin
    allowed_auths_callback none md2 md5 straight
    allowed_auths_user none md2 md5 straight
    allowed_auths_operator none md2 md5 straight
    allowed_auths_admin none md2 md5 straight
    guid a123456789abcdefa123456789abcdef
  endlan
  chassis_control "${control} 0x20"
  user 2 true "${user}" "${password}" admin 10 none md2 md5 straight
`,
  );
  await writeFile(
    path.join(dir, "sim.emu"),
    "mc_setbmc 0x20\nmc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr\nmc_enable 0x20\n",
  );
  const sim: ChildProcess = spawn("ipmi_sim", ["-c", "lan.conf", "-f", "sim.emu", "-n", "-s", path.join(dir, "state")], {
    cwd: dir,
    stdio: "ignore",
  });
  // ipmi_sim has no ready signal: the port answers within a moment.
  await new Promise((r) => setTimeout(r, 1_000));
  if (sim.exitCode !== null) throw new Error(`ipmi_sim exited at once (${sim.exitCode})`);
  return {
    address: "127.0.0.1",
    port,
    user,
    password,
    dir,
    stop: async () => {
      sim.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 200));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
