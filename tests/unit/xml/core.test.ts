import { describe, expect, it } from "vitest";
import { child, defineModel, flag, int, intAttr, list, rawXml, sizeBytes, sizeKiB, text, values, yesNo } from "@/lib/xml";
import { parsePath } from "@/lib/xml/core/xpath";

class Leaf extends defineModel("CoreTestLeaf", "leaf", {
  name: text("./@name"),
  value: text("."),
}) {}

class Part extends defineModel("CoreTestPart", "part", {
  kind: text("./@kind"),
  size: int("./size"),
}) {}

class Root extends defineModel("CoreTestRoot", "root", {
  title: text("./title"),
  count: int("./count"),
  order: intAttr("./boot", "order"),
  enabled: yesNo("./switch/@enabled"),
  secure: yesNo("./opts/feature[@name='secure']/@enabled"),
  ready: flag("./ready"),
  tags: values("./tags/tag"),
  memory: sizeKiB("./memory"),
  disk: sizeBytes("./disk"),
  extra: rawXml("./extra"),
  part: child(() => Part, "./part"),
  leaves: list(() => Leaf, "./leaves/leaf"),
}) {}

describe("xpath subset", () => {
  it("parses steps, attribute predicates, positions and a final attribute", () => {
    expect(parsePath("./os/type/@arch")).toEqual({
      steps: [
        { tag: "os", predicates: [], index: undefined },
        { tag: "type", predicates: [], index: undefined },
      ],
      attr: "arch",
    });
    expect(parsePath("./feature[@name='a/b'][2]/@enabled").steps[0]).toEqual({
      tag: "feature",
      predicates: [{ name: "name", value: "a/b" }],
      index: 2,
    });
    expect(parsePath(".")).toEqual({ steps: [], attr: undefined });
    expect(() => parsePath("./a[contains(x)]")).toThrow(/unsupported XPath predicate/);
  });
});

describe("fields", () => {
  it("reads undefined for missing nodes and creates the whole path on write, in declared order", () => {
    const root = new Root();
    expect(root.title).toBeUndefined();
    expect(root.enabled).toBeUndefined();
    root.secure = true;
    root.count = 3;
    root.title = "t";
    root.order = 2;
    expect(root.toXml()).toBe(
      "<root>\n  <title>t</title>\n  <count>3</count>\n  <boot order='2'/>\n  <opts>\n    <feature name='secure' enabled='yes'/>\n  </opts>\n</root>\n",
    );
  });

  it("removes on undefined, pruning parents left empty but keeping the model's own element", () => {
    const root = Root.parse(
      "<root><opts><feature name='secure' enabled='no'/><other/></opts><switch enabled='yes'/><title>x</title></root>",
    );
    expect(root.secure).toBe(false);
    root.enabled = undefined;
    root.secure = undefined;
    root.title = undefined;
    expect(root.toXml()).toBe("<root>\n  <opts>\n    <other/>\n  </opts>\n</root>\n");
  });

  it("flags create and remove empty elements", () => {
    const root = new Root({ ready: true });
    expect(root.ready).toBe(true);
    root.ready = false;
    expect(root.toXml()).toBe("<root/>\n");
  });

  it("repeated values are read as a list and replaced as a whole", () => {
    const root = Root.parse("<root><tags><tag>a</tag><keep/><tag>b</tag></tags></root>");
    expect(root.tags).toEqual(["a", "b"]);
    root.tags = ["c"];
    expect(root.toXml()).toBe("<root>\n  <tags>\n    <keep/>\n    <tag>c</tag>\n  </tags>\n</root>\n");
    root.tags = [];
    expect(root.tags).toEqual([]);
  });

  it("sizes convert units on read and write in the model's unit", () => {
    const root = Root.parse("<root><memory unit='GiB'>2</memory><disk unit='KiB'>4</disk></root>");
    expect(root.memory).toBe(2 * 1024 * 1024);
    expect(root.disk).toBe(4096);
    root.memory = 1024;
    expect(root.toXml()).toContain("<memory unit='KiB'>1024</memory>");
    expect(Root.parse("<root><memory>7</memory></root>").memory).toBe(7);
  });

  it("raw XML is read and replaced as a fragment", () => {
    const root = Root.parse("<root><extra><a x='1'/><b/></extra></root>");
    expect(root.extra).toBe("<a x='1'/>\n<b/>");
    root.extra = "<c/>";
    expect(root.toXml()).toBe("<root>\n  <extra>\n    <c/>\n  </extra>\n</root>\n");
  });

  it("escapes text and attributes the way libvirt does", () => {
    const root = new Root({ title: `a <b> & "c" 'd'` });
    expect(root.toXml()).toContain("<title>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</title>");
    expect(Root.parse(root.toXml()).title).toBe(`a <b> & "c" 'd'`);
  });
});

describe("sub-models and lists", () => {
  it("a single child is created lazily on first write and is the same object each time", () => {
    const root = new Root();
    expect(root.part).toBe(root.part);
    expect(root.part.present).toBe(false);
    expect(root.part.kind).toBeUndefined();
    expect(root.toXml()).toBe("<root/>\n");
    root.part.size = 5;
    expect(root.part.present).toBe(true);
    expect(root.toXml()).toBe("<root>\n  <part>\n    <size>5</size>\n  </part>\n</root>\n");
  });

  it("lists add standalone models (which then edit the document), find and remove items", () => {
    const root = Root.parse("<root><leaves><leaf name='a'>1</leaf><other/></leaves></root>");
    expect(root.leaves.length).toBe(1);
    const added = root.leaves.add(new Leaf({ name: "b", value: "2" }));
    added.value = "3";
    expect(root.leaves.map((l) => `${l.name}=${l.value}`)).toEqual(["a=1", "b=3"]);
    expect(root.leaves.at(1)).toBe(added);
    expect(root.leaves.remove(root.leaves.find((l) => l.name === "a")!)).toBe(true);
    expect(root.toXml()).toBe("<root>\n  <leaves>\n    <leaf name='b'>3</leaf>\n    <other/>\n  </leaves>\n</root>\n");
    expect(() => root.leaves.add(new Part() as unknown as Leaf)).toThrow(/cannot add <part>/);
  });

  it("refuses documents of another kind and broken XML", () => {
    expect(() => Root.parse("<other/>")).toThrow(/expected <root>/);
    expect(() => Root.parse("<root><unclosed></root>")).toThrow(/invalid XML/);
  });

  it("refuses to declare the same model name twice (the registry is global)", () => {
    expect(() => defineModel("CoreTestLeaf", "leaf", {})).toThrow(/declared twice/);
  });
});
