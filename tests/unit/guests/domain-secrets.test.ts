import { describe, expect, it } from "vitest";
import { changedSecrets, PlaceholderWithoutSecretError, redactDomainXml, redactSecrets, restoreSecrets } from "@/lib/guests/domain-secrets";
import { SECRET_PLACEHOLDER } from "@/lib/guests/secrets";
import { Domain } from "@/lib/xml";

// libvirt's own formatting (inactive, SECURE): a VNC display with listen children and an expiry, a
// SPICE display, and a network CD-ROM whose source and backing store carry cookies.
const stored = `<domain type='kvm'>
  <name>vc-secrets-unit</name>
  <uuid>6a1f1c7e-2b3d-4e5f-8a9b-0c1d2e3f4a5b</uuid>
  <memory unit='KiB'>131072</memory>
  <devices>
    <disk type='network' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source protocol='https' name='/install.iso'>
        <host name='images.example.com' port='443'/>
        <cookies>
          <cookie name='session'>c00kie-SESSION-1</cookie>
          <cookie name='token'>c00kie-TOKEN-2</cookie>
        </cookies>
      </source>
      <backingStore type='network'>
        <format type='raw'/>
        <source protocol='https' name='/base.iso'>
          <host name='images.example.com' port='443'/>
          <cookies>
            <cookie name='session'>c00kie-BACKING-3</cookie>
          </cookies>
        </source>
        <backingStore/>
      </backingStore>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/plain.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='vncPW1' passwdValidTo='2030-01-01T00:00:00'>
      <listen type='address' address='127.0.0.1'/>
    </graphics>
    <graphics type='spice' autoport='yes' passwd='spice&apos;PW&amp;2'>
      <listen type='address' address='0.0.0.0'/>
      <image compression='off'/>
    </graphics>
  </devices>
</domain>
`;
const secrets = ["vncPW1", "spice'PW&2", "spice&apos;PW&amp;2", "c00kie-SESSION-1", "c00kie-TOKEN-2", "c00kie-BACKING-3"];

const redacted = () => redactDomainXml(stored);
const define = (edited: string) => {
  const domain = Domain.parse(edited);
  restoreSecrets(domain, Domain.parse(stored));
  return domain;
};

describe("redacting a definition for the browser", () => {
  it("replaces every display password and cookie value, and nothing else", () => {
    const xml = redacted();
    for (const secret of secrets) expect(xml).not.toContain(secret);
    expect(xml).toContain(
      `<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='${SECRET_PLACEHOLDER}' passwdValidTo='2030-01-01T00:00:00'>`,
    );
    expect(xml).toContain(`<graphics type='spice' autoport='yes' passwd='${SECRET_PLACEHOLDER}'>`);
    expect(xml.match(/<cookie name='(session|token)'>\(hidden\)<\/cookie>/g)).toHaveLength(3);
    // Line for line the same document apart from the secrets.
    const strip = (text: string) => text.replace(/passwd='[^']*'/g, "").replace(/(<cookie name='\w+'>)[^<]*/g, "$1");
    expect(strip(xml)).toBe(strip(stored));
  });

  it("leaves XML without secrets as it is (libvirt's output without SECURE, displays without passwords)", () => {
    const plain = stored.replace(/ passwd='[^']*'/g, "").replace(/\s*<cookies>[\s\S]*?<\/cookies>/g, "");
    expect(redactDomainXml(plain)).toBe(plain);
    const model = Domain.parse(plain);
    redactSecrets(model);
    expect(model.toXml()).toBe(plain);
  });

  it("redacts the parsed models the hardware pages read, so the display says a password is set without its value", () => {
    const model = Domain.parse(stored);
    redactSecrets(model);
    expect(model.devices.graphics.map((g) => g.passwd)).toEqual([SECRET_PLACEHOLDER, SECRET_PLACEHOLDER]);
    expect(model.toXml()).toBe(redacted());
  });
});

describe("defining XML the browser edited", () => {
  it("puts every stored value back where the placeholder still is", () => {
    expect(define(redacted()).toXml()).toBe(stored);
  });

  it("matches displays by type and disks by target, however they were reordered or their listen children changed", () => {
    const domain = Domain.parse(redacted());
    const vnc = domain.devices.graphics.items[0];
    const [cdrom, disk] = domain.devices.disks.items;
    domain.devices.remove(vnc);
    domain.devices.remove(cdrom);
    domain.devices.add(disk); // moved to the end of the disks
    domain.devices.add(cdrom);
    domain.devices.add(vnc).listenOn("0.0.0.0");
    expect(domain.devices.graphics.map((g) => g.type)).toEqual(["spice", "vnc"]);
    const back = define(domain.toXml());
    expect(back.devices.graphics.map((g) => [g.type, g.passwd, g.listenAddress])).toEqual([
      ["spice", "spice'PW&2", "0.0.0.0"],
      ["vnc", "vncPW1", "0.0.0.0"],
    ]);
    expect(back.devices.disks.map((d) => d.targetDev)).toEqual(["vda", "sda"]);
    expect(back.toXml()).toContain("<cookie name='token'>c00kie-TOKEN-2</cookie>");
    expect(back.toXml()).toContain("<cookie name='session'>c00kie-BACKING-3</cookie>");
  });

  it("keeps a value typed in place of the placeholder, and a removed attribute removes the password", () => {
    const edited = redacted()
      .replace(`passwd='${SECRET_PLACEHOLDER}' passwdValidTo`, "passwd='newVNC' passwdValidTo")
      .replace(` passwd='${SECRET_PLACEHOLDER}'>`, ">");
    const back = define(edited);
    expect(back.devices.graphics.map((g) => [g.type, g.passwd ?? null])).toEqual([
      ["vnc", "newVNC"],
      ["spice", null],
    ]);
    expect(changedSecrets(Domain.parse(stored), back)).toEqual(["VNC display password", "SPICE display password"]);
  });

  it("refuses the placeholder for a display that has no stored password, naming it", () => {
    const noSpicePassword = Domain.parse(stored.replace(" passwd='spice&apos;PW&amp;2'", ""));
    expect(() => restoreSecrets(Domain.parse(redacted()), noSpicePassword)).toThrow(PlaceholderWithoutSecretError);
    expect(() => restoreSecrets(Domain.parse(redacted()), noSpicePassword)).toThrow(
      `${SECRET_PLACEHOLDER} keeps a stored value, but there is no stored SPICE display password`,
    );
    // A second VNC display is another display: the first one's password does not carry over.
    const second = redacted().replace("</devices>", `<graphics type='vnc' autoport='yes' passwd='${SECRET_PLACEHOLDER}'/></devices>`);
    expect(() => define(second)).toThrow("no stored VNC display 2 password");
  });

  it("refuses the placeholder for a cookie nothing stored, and for a disk that has none", () => {
    expect(() => define(redacted().replace("<cookie name='token'>", "<cookie name='other'>"))).toThrow(
      "no stored cookie other of disk sda",
    );
    expect(() => define(redacted().replace("<target dev='sda'", "<target dev='sdb'"))).toThrow("no stored cookie session of disk sdb");
  });

  it("names what changed for the audit log, never the values", () => {
    const edited = define(redacted().replace(/(<cookie name='token'>)[^<]*/, "$1fresh-cookie"));
    const changed = changedSecrets(Domain.parse(stored), edited);
    expect(changed).toEqual(["cookie token of disk sda"]);
    expect(JSON.stringify(changed)).not.toMatch(/c00kie|fresh-cookie/);
    expect(changedSecrets(Domain.parse(stored), define(redacted()))).toEqual([]);
  });
});
