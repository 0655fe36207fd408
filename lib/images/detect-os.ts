// Guessing an image's OS from its file name (or URL): cloud images are named after their release, e.g.
// "Fedora-Cloud-Base-37-1.7.x86_64.qcow2", "debian-12-genericcloud-amd64.qcow2", "jammy-server-cloudimg-amd64.img".

export type OsCandidate = { id: string; shortIds: readonly string[] };

/** "fedora37" → ["fedora", "37"]; "ubuntu22.04" → ["ubuntu", "22.04"]; "debianbookworm" → ["debianbookworm", ""]. */
function split(shortId: string): [string, string] {
  const m = /^([a-z][a-z-]*?)(\d[\d.]*)?$/.exec(shortId);
  return m ? [m[1], m[2] ?? ""] : [shortId, ""];
}

/** Words of a name: lower case, cut at anything that is not a letter, digit or dot (dots join versions: 22.04). */
const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/^.*\//, "")
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

/**
 * The osinfo OS whose short id the name spells out: the family word followed by its version ("fedora", "37"),
 * or a code name word ("jammy" for ubuntu22.04's "ubuntujammy"). The longest match wins, so "centos-stream-9"
 * is not taken for "centos9"; null when nothing matches or two OSes match equally well.
 */
export function osFromFileName(name: string, systems: readonly OsCandidate[]): string | null {
  const w = words(name.replace(/[?#].*$/, ""));
  const joined = w.join("-");
  let best: { id: string; score: number } | null = null;
  let tie = false;
  for (const os of systems) {
    for (const shortId of os.shortIds) {
      const [family, version] = split(shortId);
      let score = 0;
      if (version) {
        // "fedora-cloud-base-37" names fedora37: the family word, then the version as its own word soon after.
        const at = family.includes("-") ? joined.indexOf(`${family}-`) : -2;
        const index = at === -2 ? w.indexOf(family) : at;
        if (index < 0) continue;
        const after = at === -2 ? w.slice(index + 1) : words(joined.slice(at + family.length));
        const release = after.slice(0, 4).find((x) => /^\d/.test(x));
        if (!release || !(release === version || release.startsWith(`${version}.`) || release.startsWith(`${version}-`))) continue;
        score = family.length + version.length;
      } else {
        // A code name spelt after the family ("ubuntujammy"): the code name alone as a word is enough.
        const code = w.find((x) => x.length >= 4 && family.endsWith(x) && family !== x);
        if (!code) continue;
        score = code.length;
      }
      if (!best || score > best.score) {
        best = { id: os.id, score };
        tie = false;
      } else if (score === best.score && best.id !== os.id) tie = true;
    }
  }
  return best && !tie ? best.id : null;
}

/**
 * The OS whose osinfo `<image>` this is: the same URL, or (an upload, a mirror) the same file name. osinfo lists
 * each release's own file names (Fedora-Cloud-Base-37-1.7.x86_64.qcow2), so this is surer than the name's words.
 */
export function osFromImageList(nameOrUrl: string, images: readonly { osId: string; url: string }[]): string | null {
  const base = (s: string) => s.replace(/[?#].*$/, "").replace(/^.*\//, "");
  const exact = images.find((i) => i.url === nameOrUrl);
  if (exact) return exact.osId;
  const named = new Set(images.filter((i) => base(i.url) === base(nameOrUrl)).map((i) => i.osId));
  return named.size === 1 ? [...named][0]! : null;
}
