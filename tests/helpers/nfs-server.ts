// Debian's NFS-Ganesha (nfs-ganesha, nfs-ganesha-vfs), a user-space NFSv4 server, exporting one
// directory read-only on loopback: no kernel NFS needed, so it runs where the kernel has none.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface NfsServer {
  port: number;
  /** Where the export appears in the server's NFSv4 namespace, e.g. "/export". */
  pseudoPath: string;
  stop(): Promise<void>;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createConnection({ host: "127.0.0.1", port }, () => {
      probe.destroy();
      resolve(true);
    }).on("error", () => resolve(false));
  });

export async function startNfsServer(exportDir: string, pseudoPath = "/export"): Promise<NfsServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "vc-ganesha-"));
  const config = path.join(dir, "ganesha.conf");
  writeFileSync(
    config,
    `NFS_CORE_PARAM { NFS_Port = ${port}; Protocols = 4; Bind_addr = 127.0.0.1; Enable_RQUOTA = false; Enable_NLM = false; }
NFSV4 { Graceless = true; Only_Numeric_Owners = true; }
EXPORT { Export_Id = 1; Path = ${exportDir}; Pseudo = ${pseudoPath}; Access_Type = RO; Squash = No_Root_Squash; Protocols = 4; Transports = TCP; SecType = sys; FSAL { Name = VFS; } }
LOG { Default_Log_Level = WARN; }
`,
  );
  const log = path.join(dir, "ganesha.log");
  const server = spawn("ganesha.nfsd", ["-F", "-f", config, "-L", log, "-p", path.join(dir, "ganesha.pid"), "-N", "NIV_WARN"], {
    stdio: "ignore",
  });
  const stop = async () => {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) return { port, pseudoPath, stop };
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const said = readFileSync(log, "utf8").split("\n").slice(-10).join("\n");
  await stop();
  throw new Error(`ganesha.nfsd did not start on port ${port}:\n${said}`);
}
