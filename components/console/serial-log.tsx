"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import type { SerialLogPage, SerialLogSource } from "@/lib/consoles/serial-log";
import { consoleApiPath } from "./console-socket";

function sourceWords(s: SerialLogSource): string {
  switch (s.state) {
    case "reading":
      return `Read from ${s.path} on the host, also while nobody has the console open.`;
    case "waiting":
      return `Waiting for the guest to write (${s.path} does not exist yet).`;
    case "no-log":
      return "This serial port writes no log file, so its output is kept only while someone watches.";
    case "next-boot":
      return `The log file (${s.path}) is set up and starts when the guest next starts (shut it down and start it again).`;
    case "unreadable":
      return `The log file ${s.path} cannot be read: ${s.message ?? "unknown reason"}.`;
    case "no-file-access":
      return "This host is reached over TCP or TLS, so the console cannot read its log files; keeping serial output needs a host reached over SSH (or this machine).";
  }
}

const stamp = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "medium" });

/**
 * What the guest wrote to this serial console, kept on the server (a set number of days, a set number of
 * lines): searchable, newest last, older pages on request, and the whole of it as a download.
 */
export function SerialLog({ hostId, uuid, device }: { hostId: string; uuid: string; device: string }) {
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
    <section aria-label="Serial log" className="rounded-md border border-slate-200 text-sm dark:border-slate-700">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="w-full px-3 py-2 text-left font-medium">
        {open ? "▾" : "▸"} Kept output (log)
      </button>
      {open ? (
        <div className="flex flex-col gap-2 px-3 pb-3">
          {first ? (
            <p data-testid="serial-log-source" data-state={first.source.state} className="text-slate-600 dark:text-slate-300">
              {sourceWords(first.source)} Kept {first.days} days, at most {first.maxLines.toLocaleString()} lines.
            </p>
          ) : null}
          {first?.source.state === "no-log" && first.source.mayEnable ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" disabled={enable.isPending || enable.isSuccess} onClick={() => enable.mutate()}>
                Keep this port&apos;s output (from the next boot)
              </Button>
              {enable.error ? (
                <span role="alert" className="text-red-600">
                  {enable.error instanceof ApiRequestError ? enable.error.message : "Could not change the guest"}
                </span>
              ) : null}
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <input
              type="search"
              aria-label="Search the log"
              placeholder="Search…"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="w-64 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            />
            <a
              href={`${base}/download?device=${encodeURIComponent(device)}`}
              download
              className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Download
            </a>
            {log.hasNextPage ? (
              <Button variant="ghost" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Older lines
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
            {lines.length === 0 && first ? (
              <li className="text-slate-400">{search ? "No line contains that." : "Nothing kept yet."}</li>
            ) : null}
            {lines.map((l) => (
              <li key={l.id} className="whitespace-pre-wrap">
                <span className="text-slate-500">{stamp(l.at)} </span>
                {l.text}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
