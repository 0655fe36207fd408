// Picks the model for a document by its root element (what virt-xml-validate does for schemas).
import type { ModelCtor, ModelStatics, XmlModel } from "./core";
import { Domain } from "./domain/domain";
import { DomainSnapshot } from "./domain/snapshot";
import { DomainBackup, DomainCheckpoint } from "./domain/backup";
import { Capabilities } from "./host/capabilities";
import { DomainCapabilities } from "./host/domain-capabilities";
import { HostInterface } from "./host/host-interface";
import { NodeDevice } from "./host/node-device";
import { Network } from "./network/network";
import { StoragePool } from "./storage/pool";
import { StorageVolume } from "./storage/volume";

export const rootModels = [
  Domain,
  DomainSnapshot,
  DomainBackup,
  DomainCheckpoint,
  Network,
  StoragePool,
  StorageVolume,
  Capabilities,
  DomainCapabilities,
  NodeDevice,
  HostInterface,
] as const;

type RootModel = ModelCtor<XmlModel> & ModelStatics & { parse(xml: string): XmlModel };

export function parseAnyXml(xml: string): XmlModel {
  const root = /<([A-Za-z_][\w.-]*)[\s/>]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ""))?.[1];
  const cls = (rootModels as readonly RootModel[]).find((m) => m.rootTag === root);
  if (!cls) throw new Error(`no model for <${root ?? "?"}> documents`);
  return cls.parse(xml);
}
