// Template benchmark: "New guest from template" (POST …/template/new-guest with start on) until the new guest runs
// (its job done), through the real server (production build) on the local libvirtd, as a linked clone and as a full
// copy in the same run. The template is the busybox test guest with a 512 MiB raw disk holding 256 MiB of data.
// Goal (issue 21): a linked clone under 5 s. Medians are printed, and the full copy's median over the linked one's.
// Usage: tsx scripts/bench/template.ts [--runs N]   (needs `next build` first)
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { Readable } from "node:stream";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { DomainState } from "../../lib/libvirt/api/domains";
import { VirDomainUndefineFlagsValues } from "../../lib/libvirt/generated/flags";
import { ensureTestGuestImage, resolveVirtType, testGuestXml } from "../../tests/helpers/test-guest";
import { median, startBenchServer, type BenchServer } from "./support/bench-server";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const MiB = 1024 ** 2;
const DISK_MIB = 512;
const DATA_MIB = 256;
const IMAGES = "/var/lib/libvirt/images";
const template = `bench-template-${process.pid}`;

async function removeGuest(lv: Libvirt, name: string): Promise<void> {
  const dom = await lv.domains.lookupByName(name).catch(() => null);
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM).catch(() => undefined);
  }
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool)) if (vol.name.startsWith(`${name}.`)) await lv.storage.deleteVolume(vol);
}

async function makeTemplate(lv: Libvirt, bench: BenchServer): Promise<string> {
  const pool = await lv.storage.lookupPool("default");
  const vol = await lv.storage.createVolume(
    pool,
    `<volume><name>${template}.img</name><capacity unit='MiB'>${DISK_MIB}</capacity><target><format type='raw'/></target></volume>`,
  );
  const block = randomBytes(MiB);
  await lv.storage.upload(
    vol,
    Readable.from(
      (function* () {
        for (let i = 0; i < DATA_MIB; i++) yield block;
      })(),
    ),
    0n,
    BigInt(DATA_MIB * MiB),
  );
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${IMAGES}/${template}.img'/><target dev='vda' bus='virtio'/></disk>`;
  const dom = await lv.domains.define(
    testGuestXml(template, ensureTestGuestImage(), 128, await resolveVirtType(lv), undefined, { extraDevices: disk }),
  );
  const uuid = uuidToString(dom.uuid);
  await call(bench, "PUT", `/api/hosts/${bench.hostIds.local}/guests/${uuid}/template`, { template: true });
  return uuid;
}

async function call<T>(bench: BenchServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${bench.base}${path}`, {
    method,
    headers: { Cookie: bench.cookie, Origin: bench.base, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`${method} ${path} refused (${res.status}): ${answer.error ?? JSON.stringify(answer)}`);
  return answer;
}

/** Click (the POST) to running (the job done, which starts the guest last); ms. */
async function timeOne(lv: Libvirt, bench: BenchServer, uuid: string, name: string, mode: "linked" | "copy"): Promise<number> {
  const started = performance.now();
  let job = await call<{ id: string; status: string; error?: string }>(
    bench,
    "POST",
    `/api/hosts/${bench.hostIds.local}/guests/${uuid}/template/new-guest`,
    {
      name,
      mode,
      start: true,
    },
  );
  while (job.status === "running") {
    await new Promise((r) => setTimeout(r, 20));
    job = await call(bench, "GET", `/api/jobs/${job.id}`);
  }
  const elapsed = performance.now() - started;
  if (job.status !== "done") throw new Error(`${mode} ${name}: job ${job.status}: ${job.error ?? ""}`);
  const { state } = await lv.domains.state(await lv.domains.lookupByName(name));
  if (state !== DomainState.RUNNING) throw new Error(`${name} is not running after its job (state ${state})`);
  return elapsed;
}

async function main() {
  const lv = await Libvirt.open("qemu:///system");
  const bench = await startBenchServer(() => ({ local: "qemu:///system" }));
  const times = { linked: [] as number[], copy: [] as number[] };
  try {
    const uuid = await makeTemplate(lv, bench);
    for (let i = 0; i <= RUNS; i++) {
      for (const mode of ["linked", "copy"] as const) {
        const name = `bench-tpl-${process.pid}-${mode}-${i}`;
        try {
          const ms = await timeOne(lv, bench, uuid, name, mode);
          if (i > 0) times[mode].push(ms); // the first round warms the host connection
        } finally {
          await removeGuest(lv, name);
        }
      }
    }
  } finally {
    await removeGuest(lv, template);
    await bench.stop();
    await lv.close();
  }
  const kvm = existsSync("/dev/kvm") ? "KVM (/dev/kvm present)" : "emulation (no /dev/kvm)";
  console.log(`\n| from template (disk ${DISK_MIB} MiB raw, ${DATA_MIB} MiB written) | runs | click → running, median (ms) | min | max |`);
  console.log("|---|---|---|---|---|");
  for (const mode of ["linked", "copy"] as const) {
    const xs = times[mode];
    console.log(
      `| ${mode === "linked" ? "linked clone" : "full copy"} | ${xs.length} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`,
    );
  }
  console.log(`\nfull copy / linked clone: ${(median(times.copy) / median(times.linked)).toFixed(1)}× (host: ${kvm})`);
  console.log("goal: a linked clone under 5,000 ms");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
