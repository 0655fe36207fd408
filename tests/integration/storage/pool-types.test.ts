// Every pool type the wizard offers, defined through libvirt's test driver (this machine has no NFS
// server, LVM devices, spare disks or iSCSI target to start them on): libvirt accepts the XML and
// keeps what the wizard asked for. dir and fs pools are started for real in pools.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { StoragePool } from "@/lib/xml";
import { buildPool } from "@/lib/xml/builder/pool-builder";
import { wizardPools } from "../../fixtures/pools/wizard-inputs";
import { privateTestDriverUri, removeTestDriverFiles } from "../../helpers/test-driver";

let lv: Libvirt;

beforeAll(async () => {
  lv = await Libvirt.open(privateTestDriverUri(0, "pools"));
});

afterAll(async () => {
  await lv?.close();
  removeTestDriverFiles();
});

describe("pools from the Add pool wizard", () => {
  for (const input of Object.values(wizardPools)) {
    it(`${input.type}: defined by libvirt as asked`, async () => {
      const ref = await lv.storage.definePool(buildPool(input).toXml());
      const back = StoragePool.parse(await lv.storage.poolXml(ref));
      expect(back.type).toBe(input.type);
      expect(back.name).toBe(input.name);
      if ("sourceDevice" in input) expect(back.sourceDevices.items.map((d) => d.path)).toEqual([input.sourceDevice]);
      if ("sourceHost" in input) expect(back.sourceHosts.at(0)?.name).toBe(input.sourceHost);
      if (input.type === "netfs") expect(back.sourceDir).toBe(input.sourceDir);
      if (input.type === "logical")
        expect([back.sourceName, back.sourceDevices.length]).toEqual([input.sourceName, input.sourceDevices.length]);
      if (input.type === "scsi") expect(back.sourceAdapterName).toBe(input.adapterName);
      if ("targetPath" in input) expect(back.targetPath).toBe(input.targetPath);
      await lv.storage.undefinePool(ref);
    });
  }
});
