// Backup benchmark: a full backup through the console (POST .../backups on the real server, production
// build, libvirt's backup API in push mode) of a running test guest's qcow2 disk filled with random data,
// against a plain `qemu-img convert` of the same disk (read with -U while the guest runs) into the same
// directory, in one run. Rounds alternate the two, and the medians count. Throughput = disk size / time.
// Usage: tsx scripts/bench/backup.ts [--mib N] [--rounds N]   (needs `next build` first; npm run bench does it)
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { VirDomainGetJobStatsFlags, VirDomainUndefineFlagsValues } from "../../lib/libvirt/generated/flags";
import { ensureTestGuestImage, resolveVirtType, testGuestXml } from "../../tests/helpers/test-guest";
import { median, startBenchServer } from "./support/bench-server";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MIB = arg("mib", 512);
const ROUNDS = arg("rounds", 3);
const tag = `backups-bench-${process.pid}`;

type Job = { status: string; error?: string };

async function main() {
  const lv = await Libvirt.open("qemu:///system");
  const bench = await startBenchServer(() => ({ local: "qemu:///system" }));
  chmodSync(bench.dir, 0o755);
  const disk = path.join(bench.dir, "disk.qcow2");
  const random = path.join(bench.dir, "random.raw");
  execFileSync("dd", ["if=/dev/urandom", `of=${random}`, "bs=1M", `count=${MIB}`, "status=none"]);
  execFileSync("qemu-img", ["convert", "-q", "-O", "qcow2", "-o", "compat=1.1", random, disk]);
  rmSync(random);
  const pool = await lv.storage.createTransientPool(
    `<pool type='dir'><name>${tag}</name><target><path>${bench.dir}</path></target></pool>`,
  );
  const xml = testGuestXml(tag, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, {
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  const dom = await lv.domains.define(xml);
  const uuid = uuidToString(dom.uuid);
  const api = (url: string, init: RequestInit = {}) =>
    fetch(`${bench.base}${url}`, {
      ...init,
      headers: { Cookie: bench.cookie, Origin: bench.base, "Content-Type": "application/json" },
    }).then(async (r) => {
      const body = (await r.json()) as unknown;
      if (!r.ok) throw new Error(`${url}: ${r.status} ${JSON.stringify(body)}`);
      return body;
    });
  const guestUrl = `/api/hosts/${bench.hostIds.local}/guests/${uuid}`;
  const viaConsole: number[] = [];
  const convert: number[] = [];
  /** libvirt's own figure for the backup job (QEMU copying), from its completed-job statistics. */
  const inQemu: number[] = [];
  try {
    await lv.domains.start(dom);
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      const job = (await api(`${guestUrl}/backups`, { method: "POST", body: JSON.stringify({ pool: tag, kind: "full" }) })) as {
        id: string;
      };
      for (;;) {
        const now = (await api(`/api/jobs/${job.id}`)) as Job;
        if (now.status === "done") break;
        if (now.status !== "running") throw new Error(`backup ${now.status}: ${now.error}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      viaConsole.push(performance.now() - started);
      const { stats } = await lv.domains.jobStats(dom, VirDomainGetJobStatsFlags.VIR_DOMAIN_JOB_STATS_COMPLETED);
      inQemu.push(Number(stats.time_elapsed ?? 0));
      const points = (await api(`${guestUrl}/backups`)) as { id: string }[];
      for (const p of points) {
        const del = (await api(`${guestUrl}/backups/${p.id}`, { method: "DELETE" })) as { id: string };
        while (((await api(`/api/jobs/${del.id}`)) as Job).status === "running") await new Promise((r) => setTimeout(r, 50));
      }

      const out = path.join(bench.dir, `convert-${round}.qcow2`);
      started = performance.now();
      execFileSync("qemu-img", ["convert", "-U", "-q", "-O", "qcow2", disk, out]);
      convert.push(performance.now() - started);
      rmSync(out);
    }
  } finally {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA).catch(() => undefined);
    await lv.storage.stopPool(pool).catch(() => undefined);
    await bench.stop();
    await lv.close();
  }
  const rate = (ms: number) => (MIB / (ms / 1000)).toFixed(0);
  console.log(`\n| ${MIB} MiB of random data, ${ROUNDS} rounds | median (ms) | MiB/s |`);
  console.log("|---|---|---|");
  console.log(
    `| console full backup (POST → job done, libvirt backup API) | ${median(viaConsole).toFixed(0)} | ${rate(median(viaConsole))} |`,
  );
  console.log(`| … of which QEMU's backup job (libvirt's time_elapsed) | ${median(inQemu).toFixed(0)} | ${rate(median(inQemu))} |`);
  console.log(`| qemu-img convert -U of the same disk | ${median(convert).toFixed(0)} | ${rate(median(convert))} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
