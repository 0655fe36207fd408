import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, type LibvirtStream } from "../../../lib/libvirt";
import { TEST_GUEST_READY_MARKER, startTestGuest, type RunningTestGuest } from "../../helpers/test-guest";

async function readUntil(stream: LibvirtStream, pattern: RegExp, timeoutMs: number, sofar = { text: "" }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.off("data", onData);
      reject(new Error(`console did not show ${pattern} within ${timeoutMs} ms; got: ${sofar.text.slice(-500)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      sofar.text += chunk.toString("latin1");
      if (pattern.test(sofar.text)) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve(sofar.text);
      }
    };
    stream.on("data", onData);
  });
}

describe("streams on a running QEMU guest", () => {
  let lv: Libvirt;
  let guest: RunningTestGuest | undefined;
  let console: LibvirtStream;
  beforeAll(async () => {
    lv = await Libvirt.open("qemu:///system");
    guest = await startTestGuest(lv, { namePrefix: "tg-streams" });
    // Open the console right away: the buffered stream captures the boot log from the start.
    console = await lv.domains.openConsole(guest.dom);
  });
  afterAll(async () => {
    console?.destroy();
    await guest?.cleanup();
    await lv?.close();
  });

  it("console shows the boot marker and runs a command typed into it", async () => {
    await readUntil(console, new RegExp(TEST_GUEST_READY_MARKER), 90_000);
    console.write("\n");
    const state = { text: "" };
    const done = readUntil(console, /virt-console-(\d+)-ok/, 20_000, state);
    console.write("echo virt-console-$((6*7))-ok\n");
    expect(await done).toContain("virt-console-42-ok");
  });

  it("screenshot returns an image", async () => {
    const shot = await lv.domains.screenshot(guest!.dom);
    expect(shot.mime).toMatch(/^image\//);
    expect(shot.data.length).toBeGreaterThan(100);
    const magic = shot.data.subarray(0, 2).toString("latin1");
    expect(["P6", "\x89P"]).toContain(magic);
  });

  it("lists the running guest with its state and XML with VNC on 127.0.0.1", async () => {
    const doms = await lv.domains.list();
    expect(doms.find((d) => d.name === guest!.name)).toMatchObject({ stateName: "running" });
    const xml = await lv.domains.xml(guest!.dom);
    expect(xml).toMatch(/<graphics type='vnc' port='\d+' autoport='yes' listen='127.0.0.1'/);
  });
});
