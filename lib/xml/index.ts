// Public entry point of lib/xml: typed, in-place models of libvirt XML. No I/O here.
export * from "./core";
export * from "./devices/chardev";
export * from "./devices/common";
export * from "./devices/controller";
export * from "./devices/disk";
export * from "./devices/graphics";
export * from "./devices/hostdev";
export * from "./devices/input";
export * from "./devices/interface";
export * from "./devices/misc";
export * from "./devices/video";
export * from "./domain/cpu";
export * from "./domain/devices";
export * from "./domain/domain";
export * from "./domain/features";
export * from "./domain/os";
