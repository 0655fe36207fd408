import "server-only";
import type { Libvirt } from "@/lib/libvirt";

/**
 * libvirt's udev interface backend shares one libudev context between its worker threads, and libudev is not
 * thread-safe: interface calls made side by side (two lists, or the XML of several interfaces at once) can corrupt
 * its memory and take the whole libvirtd down (seen in this project's test run, and in Cockpit's tests as
 * virtinterfaced aborting in udevInterfaceLookupByMACString). So the console makes one interface call at a time per
 * connection, whoever asks; a host has few interfaces, so the wait is short.
 */
const queues = new WeakMap<Libvirt, Promise<unknown>>();

export function withInterfaceDriver<T>(lv: Libvirt, call: () => Promise<T>): Promise<T> {
  const turn = (queues.get(lv) ?? Promise.resolve()).then(call, call);
  queues.set(
    lv,
    turn.catch(() => undefined),
  );
  return turn;
}
