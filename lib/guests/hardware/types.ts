// Shared by server and browser: what the hardware API returns, and how device forms are described.
// A device form is data (fields, options, conditions) so one renderer draws every family's page
// and the server validates the same values with the family's zod schema.
import type messages from "@/messages/en.json";
import type { DeviceText, Phrase } from "./device-words";

/** The words of a form field (label, hint, option): a key of messages' "deviceFields", so lib/ keeps no sentences. */
export type DeviceFieldKey = keyof (typeof messages)["deviceFields"];

/** Every kind of device, named by its element, in the order libvirt prints them. */
export const deviceFamilies = [
  "disk",
  "controller",
  "lease",
  "filesystem",
  "interface",
  "smartcard",
  "serial",
  "parallel",
  "console",
  "channel",
  "input",
  "tpm",
  "graphics",
  "sound",
  "audio",
  "video",
  "hostdev",
  "redirdev",
  "redirfilter",
  "hub",
  "watchdog",
  "memballoon",
  "rng",
  "nvram",
  "panic",
  "shmem",
  "memory",
  "iommu",
  "vsock",
] as const;
export type DeviceFamily = (typeof deviceFamilies)[number];

export type FieldValue = string | number | boolean | null;
export type DeviceValues = Record<string, FieldValue>;

/** Where a select's options come from when they depend on the host (see HardwareChoices). */
export type ChoiceSource = keyof HardwareChoices;

/** A fixed option of a select: libvirt's value, shown in words when it has a labelKey, else as libvirt names it. */
export type FieldOption = { value: string; label: string; labelKey?: DeviceFieldKey };

export interface FormField {
  name: string;
  label: DeviceFieldKey;
  /**
   * "secret": a stored value the browser never sees. The field holds what happens to it ("keep",
   * "set" or "none") and `secretValue` names the field with a new value; the page shows whether one
   * is set and offers to change or remove it.
   */
  kind: "text" | "number" | "checkbox" | "select" | "textarea" | "secret";
  secretValue?: string;
  hint?: DeviceFieldKey;
  /** Values the hint's message takes ({ms}). */
  hintValues?: Record<string, number>;
  /** A unit symbol (GiB, KiB/s, ms), the same in every language. */
  unit?: string;
  /** Fixed options of a select. */
  options?: FieldOption[];
  /** Options of a select taken from the host (networks, volumes, USB devices…). */
  choices?: ChoiceSource;
  /** Options of a select that depend on another field's value (a controller's models by its type). */
  optionsBy?: { field: string; options: Record<string, FieldOption[]> };
  /** Show the field only while another field has one of these values. */
  showIf?: { field: string; equals: FieldValue | FieldValue[] };
  /** Only when adding (e.g. the device type), fixed afterwards. */
  addOnly?: boolean;
  /** Changes to this field reach a running guest at once (shown next to the label). */
  live?: boolean;
}

export interface DeviceForm {
  family: DeviceFamily;
  fields: FormField[];
  /** Values the Add hardware dialog starts from. */
  defaults: DeviceValues;
  /** False for devices a guest cannot have more of (memballoon) or that the Add dialog does not offer. */
  addable: boolean;
}

export type Pending = "add" | "remove" | "change" | null;

export interface DeviceView {
  /** `family:index` of the device in the saved (inactive) definition; `live:family:index` for a device only the running guest has. */
  key: string;
  family: DeviceFamily;
  /** Its title and summary line, said by the page in its language. */
  text: DeviceText;
  /** What the edit form starts from; the same shape the family's schema validates. */
  values: DeviceValues;
  removable: boolean;
  /** How the saved definition differs from the running guest for this device; null when they agree or the guest is off. */
  pending: Pending;
  pendingFields: string[];
}

export interface GeneralView {
  name: string;
  uuid: string;
  title: string;
  description: string;
  hypervisor: string;
  arch: string;
  machine: string;
  firmware: "bios" | "efi";
  secureBoot: boolean;
  osName: string | null;
  osId: string | null;
  /** The QEMU guest agent's channel: absent, or whether the agent inside answers (running guests only). */
  agent: "none" | "connected" | "disconnected" | "not-running";
}

export interface CpuView {
  vcpus: number;
  maxVcpus: number;
  mode: "host-passthrough" | "host-model" | "custom" | "maximum" | "default";
  model: string;
  sockets: number | null;
  cores: number | null;
  threads: number | null;
  /** vCPU → host CPU list, e.g. { 0: "0-1" }. */
  pins: Record<string, string>;
  hostCpus: number;
  /** The baseline CPU of the host's cluster, when it has one (offered as "Cluster CPU"). */
  clusterCpu?: { cluster: string; model: string } | null;
}

export interface MemoryView {
  currentMiB: number;
  /** The memory the guest boots with (memory devices not counted). */
  maxMiB: number;
  hostMiB: number;
  balloon: boolean;
  /** Memory hot-plug: the most boot memory and memory devices may reach together, null when off. */
  hotplugMiB: number | null;
  /** How many memory devices fit, null when hot-plug is off. */
  slots: number | null;
  /** What the memory devices add now. */
  devicesMiB: number;
  numaCells: number;
}

export interface BootEntry {
  /** Device key (see DeviceView.key). */
  key: string;
  /** The device's title in words (see DeviceView.text). */
  label: Phrase[];
  /** 1-based order, null when the device is not in the boot order. */
  order: number | null;
}

export interface BootView {
  autostart: boolean;
  bootMenu: boolean;
  entries: BootEntry[];
  kernel: string;
  initrd: string;
  cmdline: string;
}

export type HardwareSection = "general" | "cpu" | "memory" | "boot";

export interface HardwareResponse {
  /** Changes name the definition they were made against; a different etag means someone else changed it first. */
  etag: string;
  running: boolean;
  general: GeneralView;
  cpu: CpuView;
  memory: MemoryView;
  boot: BootView;
  devices: DeviceView[];
  /** Sections whose saved values differ from the running guest's. */
  pendingSections: HardwareSection[];
}

export interface Choice {
  value: string;
  label: string;
  /** A form's fixed option: the message key of its words (FieldOption). */
  labelKey?: DeviceFieldKey;
  /** Shown but not selectable, with the reason (e.g. "in use by web1"). */
  disabledReason?: string;
}

export interface HardwareChoices {
  networks: Choice[];
  bridges: Choice[];
  hostInterfaces: Choice[];
  pools: Choice[];
  volumes: Choice[];
  isoVolumes: Choice[];
  usbDevices: Choice[];
  pciDevices: Choice[];
}

/** Why a change waits for the next boot when the console knows it beforehand: a key of messages "hardwareNextBoot". */
export type LiveNote = keyof (typeof messages)["hardwareNextBoot"];

/** What a change did: always saved; on a running guest also applied live, or not, with libvirt's reason. */
export interface HardwareChangeResult {
  ok: true;
  live: "applied" | "not-running" | "next-boot";
  /** Why the change waits for the next boot: libvirt's own message, when libvirt refused it live. */
  liveError?: string;
  /** Or the console's own reason, said by the page in its language. */
  liveNote?: LiveNote;
}
