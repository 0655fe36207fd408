import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Cell, Row, Table, type Column } from "@/components/ui/table";
import messages from "@/messages/en.json";

const columns: Column<"name" | "size">[] = [
  { label: "Name", sortKey: "name" },
  { label: "Size", sortKey: "size", numeric: true },
  { label: "Actions", hidden: true },
];

type Props = Parameters<typeof Table<"name" | "size">>[0];

const render = (props: Partial<Omit<Props, "children">>, rows: string[] = []) => {
  const full = { label: "Volumes", columns, ...props } as Props;
  const table = createElement(
    Table<"name" | "size">,
    full,
    ...rows.map((r) => createElement(Row, { key: r }, createElement(Cell, null, r))),
  );
  // The props type asks for children, which createElement passes as its third argument.
  const provider = { locale: "en", messages } as Parameters<typeof NextIntlClientProvider>[0];
  return renderToStaticMarkup(createElement(NextIntlClientProvider, provider, table));
};

describe("Table", () => {
  it("names the table and scopes every header to its column", () => {
    const html = render({}, ["a"]);
    expect(html).toContain('<table class="w-full text-left text-sm" aria-label="Volumes"');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
  });

  it("a visible caption names the table instead of the hidden label", () => {
    const html = render({ caption: "Volumes of default" }, ["a"]);
    expect(html).toContain("<caption");
    expect(html).not.toContain('aria-label="Volumes"');
  });

  it("sortable headers are buttons; only the sorted one says its direction, the others say none", () => {
    const html = render({ sort: { state: { column: "size", dir: "desc" }, onSort: () => undefined } }, ["a"]);
    expect(html).toMatch(/<th scope="col" aria-sort="none"[^>]*><button[^>]*>Name/);
    expect(html).toMatch(/<th scope="col" aria-sort="descending"[^>]*><button[^>]*>Size/);
    // A column without a sort key has no aria-sort.
    expect(html).toMatch(/<th scope="col" class="[^"]*"><span class="sr-only">Actions<\/span>/);
  });

  it("without sort, headers are plain text and carry no aria-sort", () => {
    const html = render({}, ["a"]);
    expect(html).not.toContain("aria-sort");
    expect(html).not.toContain("<button");
  });

  it("no rows: one row across every column says the empty text", () => {
    const html = render({ empty: "No volumes yet." });
    expect(html).toContain('<td colSpan="3"');
    expect(html).toContain("No volumes yet.");
    expect(render({ empty: "No volumes yet." }, ["a"])).not.toContain("No volumes yet.");
  });

  it("a sticky header stays at the top of the scrolling frame", () => {
    expect(render({ stickyHeader: true }, ["a"])).toMatch(/<thead class="[^"]*sticky top-0/);
  });
});
