import { describe, expect, it } from "vitest";
import { grantFromInput, grantSchema } from "@/lib/validations/users";
import { parseStoredTags, splitTagText, TAG_MAX_LENGTH, tagSchema, TAGS_MAX_COUNT, tagsSchema } from "@/lib/validations/tags";
import { CONSOLE_TAGS_NS, consoleTagsElement, parseConsoleTags } from "@/lib/xml";
import { formatMappings, parseMappings } from "@/lib/identity/mapping-lines";

describe("tag rules", () => {
  it.each(["web", "branch-berlin", "db_2", "v1.2", "a", "x".repeat(TAG_MAX_LENGTH)])("accepts %s", (tag) => {
    expect(tagSchema.parse(tag)).toBe(tag);
  });

  it("trims and lower-cases before checking", () => {
    expect(tagSchema.parse("  Branch-Berlin ")).toBe("branch-berlin");
  });

  it.each(["", " ", "two words", "tag:x", "-start", "end-", "a/b", "<b>", "x".repeat(TAG_MAX_LENGTH + 1), "ümlaut"])(
    "refuses %j",
    (tag) => {
      expect(tagSchema.safeParse(tag).success).toBe(false);
    },
  );

  it("a set drops duplicates, sorts, and holds at most the limit", () => {
    expect(tagsSchema.parse(["web", "DB", "web"])).toEqual(["db", "web"]);
    const many = Array.from({ length: TAGS_MAX_COUNT + 1 }, (_, i) => `t${i}`);
    expect(tagsSchema.safeParse(many).success).toBe(false);
    expect(tagsSchema.parse(many.slice(1))).toHaveLength(TAGS_MAX_COUNT);
  });

  it("splits what a person typed", () => {
    expect(splitTagText(" web, branch-berlin  db,,")).toEqual(["web", "branch-berlin", "db"]);
  });

  it("reads stored host tags, and anything else as none", () => {
    expect(parseStoredTags('["web","db"]')).toEqual(["db", "web"]);
    expect(parseStoredTags("not json")).toEqual([]);
    expect(parseStoredTags('["bad tag"]')).toEqual([]);
  });
});

describe("tags in the guest's metadata", () => {
  it("writes the element libvirt's metadata call takes, and nothing for no tags", () => {
    expect(consoleTagsElement(["db", "web"])).toBe("<tags><tag>db</tag><tag>web</tag></tags>");
    expect(consoleTagsElement([])).toBeNull();
  });

  it("reads them back as virDomainGetMetadata answers", () => {
    expect(parseConsoleTags("<tags>\n  <tag>db</tag>\n  <tag>web</tag>\n</tags>")).toEqual(["db", "web"]);
  });

  it("reads them from a whole <metadata>, only under the console's namespace", () => {
    const metadata = `<metadata>
      <other:tags xmlns:other="http://example.org/x"><other:tag>not-ours</other:tag></other:tags>
      <console:tags xmlns:console="${CONSOLE_TAGS_NS}"><console:tag>web</console:tag></console:tags>
    </metadata>`;
    expect(parseConsoleTags(metadata)).toEqual(["web"]);
    expect(parseConsoleTags(null)).toEqual([]);
  });
});

describe("grants on a tag", () => {
  it("need a tag, and keep only the tag", () => {
    expect(grantSchema.safeParse({ role: "helpdesk", scope: "tag" }).success).toBe(false);
    const input = grantSchema.parse({ role: "helpdesk", scope: "tag", tag: "Branch-Berlin", hostId: "h1" });
    expect(grantFromInput(input)).toEqual({ role: "helpdesk", scope: "tag", hostId: null, guestUuid: null, tag: "branch-berlin" });
  });

  it("are written and read in group mappings as `group = role #tag`", () => {
    const parsed = parseMappings("desk = helpdesk #branch-berlin", []);
    expect(parsed).toEqual({ mappings: [{ group: "desk", grant: { role: "helpdesk", scope: "tag", tag: "branch-berlin" } }] });
    if ("mappings" in parsed) expect(formatMappings(parsed.mappings, [])).toBe("desk = helpdesk #branch-berlin");
  });
});
