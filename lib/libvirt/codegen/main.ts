// Entry point of `npm run gen:libvirt`: fetches the .x files (scripts/libvirt/fetch-protocol.sh) into
// .cache/, reads libvirt's API description (libvirt-dev) and writes lib/libvirt/generated/*.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate, SOURCES } from "./generate";

const root = path.resolve(__dirname, "../../..");
const cache = process.env.LIBVIRT_PROTOCOL_CACHE ?? path.join(root, ".cache/libvirt-protocol");
const outDir = path.join(root, "lib/libvirt/generated");
const apiDir = process.env.LIBVIRT_API_DIR ?? "/usr/share/libvirt/api";

function main(): void {
  execFileSync("bash", [path.join(root, "scripts/libvirt/fetch-protocol.sh")], {
    stdio: "inherit",
    env: { ...process.env, LIBVIRT_PROTOCOL_CACHE: cache },
  });
  const api = { libvirt: path.join(apiDir, "libvirt-api.xml"), qemu: path.join(apiDir, "libvirt-qemu-api.xml") };
  for (const file of Object.values(api)) if (!existsSync(file)) throw new Error(`${file} not found: install libvirt-dev`);
  const files = generate({
    protocol: Object.fromEntries(SOURCES.map(({ file }) => [file, readFileSync(path.join(cache, "x", file), "utf8")])),
    api: { libvirt: readFileSync(api.libvirt, "utf8"), qemu: readFileSync(api.qemu, "utf8") },
  });
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) {
    writeFileSync(path.join(outDir, name), text);
    console.log(`wrote generated/${name}`);
  }
}

main();
