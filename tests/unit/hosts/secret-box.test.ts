import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { open, seal } from "@/lib/server/hosts/secret-box";
import { secretKey } from "@/lib/server/hosts/secret-key";
import { sshFingerprint } from "@/lib/server/hosts/ssh-fingerprint";

const key = Buffer.alloc(32, 7);

describe("secret box", () => {
  it("round-trips, and never produces the same ciphertext twice", () => {
    const a = seal("hunter2", key);
    expect(open(a, key)).toBe("hunter2");
    expect(seal("hunter2", key)).not.toBe(a);
    expect(a).not.toContain("hunter2");
  });

  it("refuses changed ciphertext, a wrong key and unknown formats with a clear message", () => {
    const sealed = seal("secret", key);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(() => open([...parts.slice(0, 3), flipped.toString("base64url")].join("."), key)).toThrow(/cannot be decrypted/);
    expect(() => open(sealed, Buffer.alloc(32, 8))).toThrow(/cannot be decrypted/);
    expect(() => open("v0.a.b.c", key)).toThrow(/not in a known format/);
    // A changed IV, a changed tag and a tag cut short are all refused.
    const changed = (i: number, f: (b: Buffer) => Buffer) =>
      parts.map((p, j) => (j === i ? f(Buffer.from(p, "base64url")).toString("base64url") : p)).join(".");
    const flip = (b: Buffer) => ((b[0] ^= 1), b);
    expect(() => open(changed(1, flip), key)).toThrow(/cannot be decrypted/);
    expect(() => open(changed(2, flip), key)).toThrow(/cannot be decrypted/);
    expect(() =>
      open(
        changed(2, (b) => b.subarray(0, 4)),
        key,
      ),
    ).toThrow(/cannot be decrypted/);
  });

  it("creates the key file once, readable by its owner only", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "vc-key-")), "sub", "secret.key");
    const first = secretKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secretKey(file).equals(first)).toBe(true);
    expect(readFileSync(file, "utf8").trim()).toBe(first.toString("base64"));
  });
});

describe("ssh fingerprint", () => {
  it("matches OpenSSH's SHA256 form", () => {
    // SHA-256 of the empty blob, base64 without padding.
    expect(sshFingerprint(Buffer.alloc(0))).toBe("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    // A real ed25519 key and what `ssh-keygen -lf` printed for it.
    const blob = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIN95BBrTCYGs5RyAJo9/+CJ2ny24m9j/FzEm6i7HV02U", "base64");
    expect(sshFingerprint(blob)).toBe("SHA256:ui/wpy7pWExfv5XCoY7wd4bNLhBRPrlUt98Sf/mhS2I");
    expect(sshFingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
