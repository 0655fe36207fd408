import type { LibvirtClient } from "../client";
import { remoteProcedures as p, type RemoteNonnullDomain, type RemoteNonnullDomainCheckpoint } from "../generated/remote";
import type * as F from "../generated/flags";

export type CheckpointRef = RemoteNonnullDomainCheckpoint;

/** libvirt's backup API (push mode) and the checkpoints that make the next backup incremental; file-system freeze through the agent. */
export class BackupApi {
  constructor(private readonly client: LibvirtClient) {}

  /** Starts a backup job in QEMU and returns at once; follow it with domains.jobStats, stop it with domains.abortJob. */
  async begin(dom: RemoteNonnullDomain, backupXml: string, checkpointXml: string | null, flags: F.VirDomainBackupBeginFlags = 0) {
    await this.client.call(p.DOMAIN_BACKUP_BEGIN, { dom, backup_xml: backupXml, checkpoint_xml: checkpointXml, flags });
  }

  /** The <domainbackup> of the backup under way (libvirt fills in what it chose). */
  async xml(dom: RemoteNonnullDomain): Promise<string> {
    return (await this.client.call(p.DOMAIN_BACKUP_GET_XML_DESC, { dom, flags: 0 })).xml;
  }

  async createCheckpoint(dom: RemoteNonnullDomain, xml: string, flags: F.VirDomainCheckpointCreateFlags = 0): Promise<CheckpointRef> {
    return (await this.client.call(p.DOMAIN_CHECKPOINT_CREATE_XML, { dom, xml_desc: xml, flags })).checkpoint;
  }

  async listCheckpoints(dom: RemoteNonnullDomain, flags: F.VirDomainCheckpointListFlags = 0): Promise<CheckpointRef[]> {
    return (await this.client.call(p.DOMAIN_LIST_ALL_CHECKPOINTS, { dom, need_results: 1, flags })).checkpoints;
  }

  async lookupCheckpoint(dom: RemoteNonnullDomain, name: string): Promise<CheckpointRef> {
    return (await this.client.call(p.DOMAIN_CHECKPOINT_LOOKUP_BY_NAME, { dom, name, flags: 0 })).checkpoint;
  }

  async checkpointXml(checkpoint: CheckpointRef, flags: F.VirDomainCheckpointXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.DOMAIN_CHECKPOINT_GET_XML_DESC, { checkpoint, flags })).xml;
  }

  /** libvirt 9.0 refuses this for a shut-off guest. */
  async deleteCheckpoint(checkpoint: CheckpointRef, flags: F.VirDomainCheckpointDeleteFlags = 0): Promise<void> {
    await this.client.call(p.DOMAIN_CHECKPOINT_DELETE, { checkpoint, flags });
  }

  /** Freezes the guest's file systems through its agent; returns how many were frozen. Fails when there is no agent. */
  async fsFreeze(dom: RemoteNonnullDomain, mountpoints: string[] = []): Promise<number> {
    return (await this.client.call(p.DOMAIN_FSFREEZE, { dom, mountpoints, flags: 0 })).filesystems;
  }

  async fsThaw(dom: RemoteNonnullDomain, mountpoints: string[] = []): Promise<number> {
    return (await this.client.call(p.DOMAIN_FSTHAW, { dom, mountpoints, flags: 0 })).filesystems;
  }
}
