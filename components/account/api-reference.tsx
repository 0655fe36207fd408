"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { exampleOf } from "@/lib/openapi/example";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

type Operation = {
  summary: string;
  description: string;
  tags: string[];
  parameters: { name: string; in: "path" | "query"; required: boolean }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  security: unknown[];
};
export type ApiDocument = { paths: Record<string, Record<string, Operation>> };

/** A path parameter as a shell variable: {id} → $ID (braces would be curl globbing). */
const shellPath = (path: string) =>
  path.replace(/\{([^}]+)\}/g, (_m, name: string) => `$${name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`);

/** The curl command for one operation, with a token in $TOKEN and a body made from the documented schema. */
export function curlFor(origin: string, method: string, path: string, op: Operation): string {
  const lines = [`curl -sS -X ${method.toUpperCase()} "${origin}${shellPath(path)}"`];
  if (op.security.length) lines.push(`  -H "Authorization: Bearer $TOKEN"`);
  if (op.requestBody) {
    const body = JSON.stringify(exampleOf(op.requestBody.content["application/json"].schema));
    lines.push(`  -H "Content-Type: application/json"`, `  -d '${body.replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n");
}

export function ApiReference({ document, origin }: { document: ApiDocument; origin: string }) {
  const t = useTranslations("account.api");
  const [filter, setFilter] = useState("");
  const operations = useMemo(
    () => Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op }))),
    [document],
  );
  const shown = operations.filter(({ path, op }) => `${path} ${op.summary}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div className="space-y-4">
      <p className="text-sm">
        {t.rich("intro", {
          code: (chunks) => <code>{chunks}</code>,
          account: (chunks) => (
            <a className="underline" href="/account">
              {chunks}
            </a>
          ),
          doc: (chunks) => (
            <a className="underline" href="/api/openapi.json">
              {chunks}
            </a>
          ),
        })}
      </p>
      <Input
        aria-label={t("filter")}
        placeholder={t("filterPlaceholder")}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className="max-w-md"
      />
      <ul className="space-y-3">
        {shown.map(({ path, method, op }) => {
          const curl = curlFor(origin, method, path, op);
          return (
            <li
              key={`${method} ${path}`}
              data-testid="api-operation"
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
            >
              <p className="font-mono text-sm">
                <span className="mr-2 font-semibold">{method.toUpperCase()}</span>
                {path}
              </p>
              {op.summary !== `${method.toUpperCase()} ${path}` ? <p className="text-sm">{op.summary}</p> : null}
              <p className="text-xs text-slate-500">
                {/* The description is CommonMark; its `code` spans are the only markup it uses. */}
                {op.description.split("`").map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
              </p>
              {op.parameters.length ? (
                <p className="text-xs text-slate-500">
                  {t("parameters", {
                    list: op.parameters
                      .map((p) => t(p.required ? "parameterRequired" : "parameter", { name: p.name, where: p.in }))
                      .join(", "),
                  })}
                </p>
              ) : null}
              <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{curl}</pre>
              <Button type="button" variant="secondary" className="mt-1" onClick={() => void navigator.clipboard?.writeText(curl)}>
                {t("copyCurl")}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
