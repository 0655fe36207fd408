// The systemd unit scripts/install-service.sh installs: systemd itself accepts it (systemd-analyze verify),
// and the console started exactly as the unit says (its user, groups, directory, environment and command)
// serves and stops cleanly on SIGTERM. systemd is not PID 1 on the test machines, so the unit's own
// sandboxing is checked by systemd's parser, not by running it.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, startConsoleServer, type ConsoleServer } from "../../helpers/console-server";

let dir: string;
let dataDir: string;
let unitText: string;
let server: ConsoleServer | undefined;

/** The unit's [Service] settings (a repeated key keeps every value). */
function serviceSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) settings.set(m[1], [...(settings.get(m[1]) ?? []), m[2]]);
  }
  return settings;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "vc-unit-"));
  chmodSync(dir, 0o711); // the console's user passes through to its data directory
  dataDir = path.join(dir, "data");
  execFileSync("install", ["-d", "-m", "0700", dataDir]);
  chownSync(
    dataDir,
    Number(execFileSync("id", ["-u", "virt-console"]).toString()),
    Number(execFileSync("id", ["-g", "virt-console"]).toString()),
  );
  unitText = execFileSync("bash", ["scripts/install-service.sh", "--print"], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: "utf8",
  });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the systemd service", () => {
  it("is a unit systemd accepts, sandboxed, as the console's own user", () => {
    const file = path.join(dir, "virt-console.service");
    writeFileSync(file, unitText);
    // verify exits non-zero on an unknown or malformed setting, a command that is not there, or an unknown user.
    const out = execFileSync("systemd-analyze", ["verify", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
    const s = serviceSettings(unitText);
    expect(s.get("User")).toEqual(["virt-console"]);
    expect(s.get("NoNewPrivileges")).toEqual(["yes"]);
    expect(s.get("ProtectSystem")).toEqual(["strict"]);
    expect(s.get("CapabilityBoundingSet")).toEqual([""]);
    expect(s.get("ReadWritePaths")?.[0].split(" ")).toContain(dataDir);
  });

  it("started as the unit says, the console serves and stops cleanly on SIGTERM", async () => {
    const s = serviceSettings(unitText);
    const environment = s.get("Environment")![0].split(" ");
    expect(environment).toContain(`DATA_DIR=${dataDir}`);
    const [user, group] = [s.get("User")![0], s.get("Group")![0]];
    server = await startConsoleServer({
      dataDir,
      command: asUser({ user, group, env: environment, cwd: s.get("WorkingDirectory")![0] }, s.get("ExecStart")![0].split(" ")),
    });
    expect((await server.request("GET", "/readyz")).status).toBe(200);
    const cookie = await server.signIn("admin", "integration-admin-1");
    expect((await server.request("GET", "/api/hosts", { cookie })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => server!.process.once("exit", resolve));
    process.kill(server.process.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(server.log()).toContain('"msg":"shutting down"');
  });
});
