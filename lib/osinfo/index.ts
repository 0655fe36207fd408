export type {
  ArchResources,
  DeviceLink,
  FirmwareRule,
  IsoRule,
  MediaRule,
  OsEntry,
  OsFacts,
  OsinfoArch,
  ResourceLimits,
  TreeinfoRule,
} from "./types";
export { DEFAULT_OSINFO_ROOT, buildOsinfoDb, clearOsinfoDbCache, loadOsinfoDb, readOsinfoDb, type OsinfoDb } from "./database";
export { OsinfoParseError, parseDeviceXml, parseOsXml, type RawOs } from "./parse-os-xml";
export { resourcesFor, resourceArches, suggestedResources, type OsResources, type SuggestedResources } from "./resources";
export {
  DEVICE_IDS,
  capabilitiesFor,
  hasDevice,
  requiresTpm,
  requiresUefi,
  supportsQ35,
  supportsUefi,
  videoModelHint,
  type OsCapabilities,
  type VideoModelHint,
} from "./capabilities";
export { ISO_HEADER_BYTES, NotAnIsoError, readIsoIdentity, readIsoIdentityFromFile, type IsoIdentity } from "./iso9660";
export { detectFromIsoFile, detectFromIsoHeader, matchMedia, type DetectOptions, type MediaMatch } from "./media-detect";
export {
  TreeinfoParseError,
  detectFromTreeinfo,
  matchTreeinfo,
  parseTreeinfo,
  treeBootImages,
  type TreeMatch,
  type TreeinfoFacts,
} from "./treeinfo";
export { isEndOfLife, searchOs, type OsSearchOptions, type OsSortOrder } from "./search";
export { FALLBACK, guestProfile, type GuestProfile } from "./profile";
