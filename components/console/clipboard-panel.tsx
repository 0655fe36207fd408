"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import type { ClipboardStatus } from "@/lib/consoles/types";
import { consoleApiPath } from "./console-socket";

type ClipboardWords = ReturnType<typeof useTranslations<"console.clipboard">>;

function statusWords(s: ClipboardStatus, t: ClipboardWords): string {
  const channel = s.display === "vnc" ? t("vncChannel") : t("spiceChannel");
  if (s.channel === "none") return t("none");
  if (s.channel === "next-boot") return t("nextBoot", { channel });
  if (!s.sharing) return t("notShared", { channel });
  return s.agent === "connected" ? t("agentConnected") : t("agentSilent");
}

/**
 * The display's clipboard both ways. Text sent here goes to the guest's clipboard through the display's
 * channel (noVNC's extended clipboard and QEMU's vdagent, or the SPICE agent); what the guest copies shows
 * below and, where the browser allows, lands on this computer's clipboard too. The channel's state is said
 * plainly, with a button to add it (for the next boot) for those who may change the guest.
 */
export function ClipboardPanel({
  hostId,
  uuid,
  display,
  send,
  received,
  canSend,
}: {
  hostId: string;
  uuid: string;
  display: "vnc" | "spice";
  send: (text: string) => void;
  received: { text: string; at: number } | null;
  canSend: boolean;
}) {
  const t = useTranslations("console.clipboard");
  const queryClient = useQueryClient();
  const key = ["guest", hostId, uuid, "clipboard", display];
  const status = useQuery({
    queryKey: key,
    queryFn: () => api<ClipboardStatus>(`${consoleApiPath(hostId, uuid, "console/clipboard")}?display=${display}`),
    // The agent's answer changes inside the guest: no libvirt event reaches the page for it.
    refetchInterval: 10_000,
  });
  const add = useMutation({
    mutationFn: () => api(consoleApiPath(hostId, uuid, "console/clipboard"), { body: { display } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const [text, setText] = useState("");
  const [note, setNote] = useState<string | null>(null);

  // What the guest copies goes on to this computer's clipboard where the browser allows it (a focused page).
  useEffect(() => {
    if (received?.text) void navigator.clipboard?.writeText(received.text).catch(() => undefined);
  }, [received]);

  const sendText = (value: string) => {
    if (!value) return;
    send(value);
    setNote(t("sent", { count: value.length }));
  };
  const sendMine = async () => {
    const value = await navigator.clipboard.readText().catch(() => null);
    if (value === null) return setNote(t("cannotRead"));
    setText(value);
    sendText(value);
  };

  return (
    <section
      aria-label={t("label")}
      data-testid="clipboard-panel"
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      <p data-testid="clipboard-status" data-channel={status.data?.channel} data-agent={status.data?.agent ?? ""}>
        {status.data ? statusWords(status.data, t) : status.isError ? status.error.message : t("checking")}
      </p>
      {status.data?.channel === "none" && status.data.mayAdd ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={add.isPending || add.isSuccess} onClick={() => add.mutate()}>
            {t("add")}
          </Button>
          {add.error ? (
            <span role="alert" className="text-red-600">
              {add.error instanceof ApiRequestError ? add.error.message : t("addFailed")}
            </span>
          ) : null}
        </div>
      ) : status.data?.channel === "none" ? (
        <p className="text-slate-500">{t("othersMayAdd")}</p>
      ) : null}
      <label className="flex flex-col gap-1">
        {t("textForGuest")}
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!canSend || !text} onClick={() => sendText(text)}>
          {t("send")}
        </Button>
        <Button variant="secondary" disabled={!canSend} onClick={() => void sendMine()}>
          {t("sendMine")}
        </Button>
      </div>
      {!canSend ? <p className="text-slate-500">{t("onlyController")}</p> : null}
      {note ? <p role="status">{note}</p> : null}
      <div className="flex flex-col gap-1">
        <span>{t("fromGuest")}</span>
        <output
          data-testid="clipboard-from-guest"
          className="min-h-8 rounded-md bg-slate-100 px-2 py-1 font-mono whitespace-pre-wrap dark:bg-slate-800"
        >
          {received?.text ?? ""}
        </output>
        {received?.text ? (
          <Button
            variant="ghost"
            className="self-start"
            onClick={() => void navigator.clipboard.writeText(received.text).catch(() => undefined)}
          >
            {t("copyToMine")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
