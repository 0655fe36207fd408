import { describe, expect, it } from "vitest";
import { nameKinds, nameProblem as problemKey, nameSchema, type NameKind } from "@/lib/validations/names";
import { issueText } from "../../helpers/issue-text";
import { createUserSchema, updateUserSchema } from "@/lib/validations/users";
import { hostFormSchema } from "@/lib/validations/hosts";
import { createSnapshotSchema } from "@/lib/validations/snapshots";
import { createNetworkSchema } from "@/lib/validations/networks";
import { createVolumeSchema, createPoolSchema } from "@/lib/validations/storage";
import { cloneGuestSchema } from "@/lib/validations/clone";

// The rule says its problems by key; these read them in English, as the console shows them by default.
const nameProblem = (kind: NameKind, value: string) => issueText(problemKey(kind, value));
const message = (kind: NameKind, value: string) =>
  nameSchema(kind)
    .safeParse(value)
    .error?.issues.map((i) => issueText(i));

const bidiCharacters = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\u061C",
];
const textDirection = "No invisible text-direction characters: they make text show in a misleading order";

describe("the name rule, for every kind", () => {
  it.each(nameKinds)("%s: refuses control characters, text-direction and invisible characters", (kind) => {
    for (const c of ["\n", "\r", "\t", "\0", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"]) {
      expect(message(kind, `ab${c}cd`), JSON.stringify(c)).toEqual(["No line breaks, tabs or other control characters"]);
    }
    for (const c of bidiCharacters) expect(message(kind, `ab${c}cd`), c.codePointAt(0)!.toString(16)).toEqual([textDirection]);
    for (const c of ["\u200B", "\u2060", "\uFEFF", "\u00AD", "\uD800"]) {
      expect(message(kind, `ab${c}cd`), c.codePointAt(0)!.toString(16)).toEqual(["No invisible characters"]);
    }
  });

  it.each(nameKinds)("%s: trims, and has a length limit", (kind) => {
    expect(nameSchema(kind).parse("  ab1  ")).toBe("ab1");
    expect(message(kind, "a".repeat(200))?.[0]).toMatch(/^At most \d+ characters$/);
  });

  it("says what to enter when empty, except for display names, which may be empty", () => {
    expect(message("host", "   ")).toEqual(["Enter a name"]);
    expect(message("pool", "")).toEqual(["Enter a pool name"]);
    expect(message("volume", "")).toEqual(["Enter a volume name"]);
    expect(message("username", "")).toEqual(["Enter a user name"]);
    expect(message("username", "a")).toEqual(["At least 2 characters"]);
    expect(nameSchema("displayName").parse("  ")).toBe("");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(nameProblem("host", "😀".repeat(64))).toBeNull();
    expect(nameProblem("host", "😀".repeat(65))).toBe("At most 64 characters");
  });
});

describe("per kind", () => {
  it("host and display names take any script, but no '<' or '>'", () => {
    for (const kind of ["host", "displayName"] as const) {
      for (const name of ["서울 서버 1", "東京ラック3", "Москва-2", "Zoë's lab (rack 4)", "مختبر", "हिन्दी", "a\u200Db"]) {
        expect(nameProblem(kind, name), `${kind}: ${name}`).toBeNull();
      }
      expect(nameProblem(kind, "a<b")).toBe("No '<' or '>'");
      expect(nameProblem(kind, "<script>")).toBe("No '<' or '>'");
    }
    expect(nameProblem("host", "rack/1")).toBe("No slashes");
  });

  it("guests and networks keep to libvirt's safe characters", () => {
    for (const kind of ["guest", "network"] as const) {
      expect(nameProblem(kind, "web-01.prod_a")).toBeNull();
      for (const bad of ["a<b", "bad name", "서버", "-lead", "a/b"]) {
        expect(nameProblem(kind, bad), bad).toBe("Letters, digits, '.', '_' and '-' only, starting with a letter or digit");
      }
      // The more specific message wins over the character list.
      expect(nameProblem(kind, "web\u202Egnp.exe")).toBe(textDirection);
    }
  });

  it("pools and volumes also allow '+' and refuse '..'", () => {
    expect(nameProblem("volume", "disk+1.qcow2")).toBeNull();
    expect(nameProblem("pool", "bad/name")).toBe("Letters, digits, '.', '_', '+' and '-' only, starting with a letter or digit");
    expect(nameProblem("volume", "a..b")).toBe("Two dots in a row are not allowed");
    expect(nameProblem("volume", "v".repeat(128))).toBeNull();
    expect(nameProblem("pool", "p".repeat(65))).toBe("At most 64 characters");
  });

  it("snapshots take any text but '/', '<', '>', '.' and '..'", () => {
    expect(nameProblem("snapshot", "before upgrade (2)")).toBeNull();
    expect(nameProblem("snapshot", "vor dem Update für Ärger")).toBeNull();
    expect(nameProblem("snapshot", "a/b")).toBe("No '/'");
    expect(nameProblem("snapshot", "<b>")).toBe("No '<' or '>'");
    expect(nameProblem("snapshot", "..")).toBe("Not '.' or '..'");
  });

  it("user names are ASCII", () => {
    expect(nameProblem("username", "olivia.ops-2")).toBeNull();
    expect(nameProblem("username", "ольга")).toBe("Letters, digits, dot, dash and underscore only, starting with a letter or digit");
  });
});

describe("every schema that takes a typed name uses the rule", () => {
  const rlo = "evil\u202Etxt";
  const fieldMessage = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
    issueText(result.error?.issues.find((i) => i.path.join(".") === field));

  it("refuses a text-direction override in each", () => {
    expect(fieldMessage(hostFormSchema.safeParse({ kind: "local", name: rlo }), "name")).toBe(textDirection);
    expect(fieldMessage(createUserSchema.safeParse({ username: rlo, password: "long-enough-pw" }), "username")).toBe(textDirection);
    expect(fieldMessage(createUserSchema.safeParse({ username: "ok", displayName: rlo, password: "long-enough-pw" }), "displayName")).toBe(
      textDirection,
    );
    expect(fieldMessage(updateUserSchema.safeParse({ displayName: rlo }), "displayName")).toBe(textDirection);
    expect(fieldMessage(createSnapshotSchema.safeParse({ name: rlo, kind: "internal" }), "name")).toBe(textDirection);
    expect(fieldMessage(createNetworkSchema.safeParse({ name: rlo }), "name")).toBe(textDirection);
    expect(fieldMessage(createPoolSchema.safeParse({ type: "dir", name: rlo, targetPath: "/srv/x" }), "name")).toBe(textDirection);
    expect(fieldMessage(createVolumeSchema.safeParse({ name: rlo, capacityBytes: 1 }), "name")).toBe(textDirection);
    expect(fieldMessage(cloneGuestSchema.safeParse({ name: rlo }), "name")).toBe(textDirection);
  });

  it("takes a host name in Korean, and refuses '<' and line breaks in one", () => {
    expect(hostFormSchema.parse({ kind: "test", name: "  데모 호스트 " }).name).toBe("데모 호스트");
    expect(fieldMessage(hostFormSchema.safeParse({ kind: "test", name: "a<b" }), "name")).toBe("No '<' or '>'");
    expect(fieldMessage(hostFormSchema.safeParse({ kind: "test", name: "a\nb" }), "name")).toBe(
      "No line breaks, tabs or other control characters",
    );
  });
});
