// Runs before each integration file: the machine's libvirtd is up. Should libvirtd crash (a libvirt bug, as its
// interface driver did once), the file that hit it fails and the files after it start with a running daemon again
// instead of failing one after another.
import { beforeAll } from "vitest";
import { waitForLibvirtd } from "./libvirtd";

beforeAll(async () => {
  await waitForLibvirtd();
});
