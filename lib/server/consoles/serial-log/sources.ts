import "server-only";
import { open, stat } from "node:fs/promises";
import type { SFTPWrapper } from "ssh2";
import { parseUri } from "@/lib/libvirt";
import { sshChannel, type SshHost } from "../../hosts/ssh-clients";

/** Reading a host's files: this machine's own, or a remote host's through SFTP on its SSH connection. */
export interface FileSource {
  /** The file's size, or null when it does not exist. */
  size(path: string): Promise<number | null>;
  read(path: string, offset: number, length: number): Promise<Buffer>;
  close(): void;
}

export class LocalFiles implements FileSource {
  async size(path: string): Promise<number | null> {
    try {
      return (await stat(path)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }
  async read(path: string, offset: number, length: number): Promise<Buffer> {
    const file = await open(path, "r");
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }
  close(): void {}
}

const NO_SUCH_FILE = 2; // SSH_FX_NO_SUCH_FILE

/**
 * One SFTP session per host for all its guests' files (requests are pipelined on one channel), on the
 * host's shared SSH connection.
 */
export class SftpFiles implements FileSource {
  private constructor(private readonly sftp: SFTPWrapper) {}

  static async open(host: SshHost): Promise<SftpFiles> {
    const sftp = await sshChannel(
      host,
      (conn) => new Promise<SFTPWrapper>((resolve, reject) => conn.sftp((err, s) => (err ? reject(err) : resolve(s)))),
    );
    return new SftpFiles(sftp);
  }

  size(path: string): Promise<number | null> {
    return new Promise((resolve, reject) =>
      this.sftp.stat(path, (err, attrs) => {
        if (!err) return resolve(attrs.size);
        if ((err as { code?: number }).code === NO_SUCH_FILE) return resolve(null);
        reject(err);
      }),
    );
  }

  read(path: string, offset: number, length: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.sftp.open(path, "r", (err, handle) => {
        if (err) return reject(err);
        const buffer = Buffer.alloc(length);
        this.sftp.read(handle, buffer, 0, length, offset, (readErr, bytesRead) => {
          this.sftp.close(handle, () => undefined);
          if (readErr) reject(readErr);
          else resolve(buffer.subarray(0, bytesRead));
        });
      });
    });
  }

  close(): void {
    this.sftp.end();
  }
}

/** Which way a host's files are read; TCP and TLS hosts offer no way to read files. */
export function fileAccessOf(uri: string): "local" | "ssh" | null {
  const parsed = parseUri(uri);
  if (!parsed.host) return "local";
  return parsed.transport === "ssh" ? "ssh" : null;
}
