// Every device family the Add hardware dialog offers, added to a shut-off guest through the console's
// verbs from its form's defaults and removed again; libvirt's schema checks each definition.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceValues } from "@/lib/guests/hardware/types";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { resolveGuest } from "@/lib/server/guests/guest-target";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { hardwareChoices } from "@/lib/server/guests/hardware/choices";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { removeDevice } from "@/lib/server/guests/hardware/remove-device";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { addDeviceSchema, deviceForms } from "@/lib/validations/hardware";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { validateXml } from "../../unit/xml/support/validate";
import { guestCall, type GuestCall } from "../../helpers/verb-context";

let tc: TestConsole;
let lv: Libvirt;
let dom: DomainRef;
let req: GuestCall;

/** Defaults that need this host: a real pool and network; the rest of each form's defaults are used as they are. */
const hostValues: Record<string, DeviceValues> = {
  disk: { newPool: "default", newSizeGiB: 0.01 },
  interface: { source: "network", network: "default" },
};

beforeAll(async () => {
  tc = await startTestConsole();
  const hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  // SPICE display: USB redirection and smartcard passthrough ride on it.
  dom = await lv.domains.define(
    testGuestXml(
      uniqueGuestName("vc-hwall"),
      ensureTestGuestImage(),
      128,
      "qemu",
      "<graphics type='spice' autoport='yes' listen='127.0.0.1'/>",
    ),
  );
  const uuid = (await lv.domains.list()).find((d) => d.name === dom.name)!.uuid;
  req = guestCall(await tc.actor(), hostId, uuid);
  // A real host PCI device, picked the way the form offers them (defining never detaches it; the guest is not started).
  hostValues.hostdev = { type: "pci", pciDevice: (await hardwareChoices(hostId)).pciDevices.find((d) => !d.disabledReason)!.value };
  // Memory devices need memory hot-plug, switched on the way the Memory page does it (it adds the NUMA cell).
  const { etag } = await readHardware(await resolveGuest(hostId, uuid));
  await setMemory(req.ctx, { ...req.guest, etag, currentMiB: 128, maxMiB: 128, hotplugMiB: 2048, slots: 2 });
});

afterAll(async () => {
  await lv.domains.undefine(dom).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

const hardware = async () => readHardware(await resolveGuest(req.guest.hostId, req.guest.uuid));
const savedXml = () => lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);

describe("every addable device family through the verbs", () => {
  const forms = deviceForms().filter((f) => f.addable);

  it("offers at least the families virt-manager's Add Hardware offers", () => {
    expect(forms.map((f) => f.family)).toEqual(
      expect.arrayContaining([
        "disk",
        "interface",
        "graphics",
        "video",
        "sound",
        "input",
        "serial",
        "parallel",
        "channel",
        "tpm",
        "rng",
        "watchdog",
        "panic",
      ]),
    );
  });

  for (const form of forms) {
    it(`${form.family}: added from the form's defaults, valid, then removed`, async () => {
      const before = (await hardware()).devices.filter((d) => d.family === form.family).map((d) => d.key);
      const values = { ...form.defaults, ...hostValues[form.family] };
      await addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: (await hardware()).etag, family: form.family, values, persistentOnly: false }),
      });
      const added = (await hardware()).devices.filter((d) => d.family === form.family && !before.includes(d.key));
      expect(added, `one new ${form.family}`).toHaveLength(1);
      const check = validateXml(await savedXml());
      expect(check.valid, check.output).toBe(true);
      const volume = form.family === "disk" ? String(added[0].values.path) : null;
      await removeDevice(req.ctx, { ...req.guest, key: added[0].key, etag: (await hardware()).etag, persistentOnly: false });
      expect((await hardware()).devices.filter((d) => d.family === form.family).map((d) => d.key)).toEqual(before);
      expect(validateXml(await savedXml()).valid).toBe(true);
      if (volume) await lv.storage.deleteVolume(await lv.storage.lookupVolumeByPath(volume));
    });
  }

  it("refuses USB redirection without a SPICE display with libvirt's own words, and saves nothing", async () => {
    const vncOnly = await lv.domains.define(testGuestXml(uniqueGuestName("vc-hwvnc"), ensureTestGuestImage(), 128, "qemu"));
    try {
      const uuid = (await lv.domains.list()).find((d) => d.name === vncOnly.name)!.uuid;
      const other = { ...req, guest: { ...req.guest, uuid } };
      const before = await lv.domains.xml(vncOnly, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
      const { etag } = await readHardware(await resolveGuest(other.guest.hostId, uuid));
      await expect(
        addDevice(other.ctx, {
          ...other.guest,
          ...addDeviceSchema.parse({ etag, family: "redirdev", values: { type: "spicevmc" }, persistentOnly: false }),
        }),
      ).rejects.toThrow(/spicevmc.*spice graphics/);
      expect(await lv.domains.xml(vncOnly, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toBe(before);
      expect(JSON.parse((await tc.auditRows("guest.device.add")).at(-1)!.details).error).toMatch(/spice graphics/);
    } finally {
      await lv.domains.undefine(vncOnly);
    }
  });
});
