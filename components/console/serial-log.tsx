"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import type { SerialLogPage, SerialLogSource } from "@/lib/consoles/serial-log";
import { consoleApiPath } from "./console-socket";

const STAMP = { dateStyle: "short", timeStyle: "medium" } as const;

type LogWords = ReturnType<typeof useTranslations<"console.log">>;

function sourceWords(s: SerialLogSource, t: LogWords): string {
  const path = s.path ?? "";
  switch (s.state) {
    case "reading":
      return t("reading", { path });
    case "waiting":
      return t("waiting", { path });
    case "no-log":
      return t("noLog");
    case "next-boot":
      return t("nextBoot", { path });
    case "unreadable":
      return t("unreadable", { path, message: s.message ?? t("unknownReason") });
    case "no-file-access":
      return t("noFileAccess");
  }
}

/**
 * What the guest wrote to this serial console, kept on the server (a set number of days, a set number of
 * lines): searchable, newest last, older pages on request, and the whole of it as a download.
 */
export function SerialLog({ hostId, uuid, device }: { hostId: string; uuid: string; device: string }) {
  const t = useTranslations("console.log");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const base = consoleApiPath(hostId, uuid, "serial-log");
  const key = ["guest", hostId, uuid, "serial-log", device, search];
  const log = useInfiniteQuery({
    queryKey: key,
    enabled: open,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api<SerialLogPage>(
        `${base}?device=${encodeURIComponent(device)}${search ? `&q=${encodeURIComponent(search)}` : ""}${pageParam ? `&before=${pageParam}` : ""}`,
      ),
    getNextPageParam: (last) => (last.more && last.lines.length ? last.lines[0].id : undefined),
    // The log grows while the guest writes.
    refetchInterval: 5000,
  });
  const enable = useMutation({
    mutationFn: () => api(base, { body: { device } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["guest", hostId, uuid, "serial-log"] }),
  });
  const first = log.data?.pages[0];
  const lines = (log.data?.pages ?? [])
    .slice()
    .reverse()
    .flatMap((p) => p.lines);

  return (
    <section aria-label={t("label")} className="rounded-md border border-slate-200 text-sm dark:border-slate-700">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="w-full px-3 py-2 text-left font-medium">
        {open ? "▾" : "▸"} {t("kept")}
      </button>
      {open ? (
        <div className="flex flex-col gap-2 px-3 pb-3">
          {first ? (
            <p data-testid="serial-log-source" data-state={first.source.state} className="text-slate-600 dark:text-slate-300">
              {sourceWords(first.source, t)} {t("keptFor", { days: first.days, lines: first.maxLines })}
            </p>
          ) : null}
          {first?.source.state === "no-log" && first.source.mayEnable ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" disabled={enable.isPending || enable.isSuccess} onClick={() => enable.mutate()}>
                {t("enable")}
              </Button>
              {enable.error ? (
                <span role="alert" className="text-red-600">
                  {enable.error instanceof ApiRequestError ? enable.error.message : t("enableFailed")}
                </span>
              ) : null}
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <input
              type="search"
              aria-label={t("search")}
              placeholder={t("searchPlaceholder")}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="w-64 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            />
            <a
              href={`${base}/download?device=${encodeURIComponent(device)}`}
              download
              className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              {t("download")}
            </a>
            {log.hasNextPage ? (
              <Button variant="ghost" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                {t("older")}
              </Button>
            ) : null}
          </div>
          {log.isError ? (
            <p role="alert" className="text-red-600">
              {log.error.message}
            </p>
          ) : null}
          <ol
            data-testid="serial-log-lines"
            className="max-h-72 overflow-auto rounded-md bg-slate-950 p-2 font-mono text-xs text-slate-100"
          >
            {lines.length === 0 && first ? <li className="text-slate-400">{search ? t("noMatch") : t("empty")}</li> : null}
            {lines.map((l) => (
              <li key={l.id} className="whitespace-pre-wrap">
                <span className="text-slate-500">{format.dateTime(new Date(l.at), STAMP)} </span>
                {l.text}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
