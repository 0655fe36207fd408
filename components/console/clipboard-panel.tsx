"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import type { ClipboardStatus } from "@/lib/consoles/types";
import { consoleApiPath } from "./console-socket";

function statusWords(s: ClipboardStatus): string {
  const channel = s.display === "vnc" ? "QEMU's clipboard channel (qemu-vdagent)" : "the SPICE agent channel";
  if (s.channel === "none") return `This guest has no clipboard channel: text goes only as typed keys (Paste as keys).`;
  if (s.channel === "next-boot")
    return `${channel[0].toUpperCase()}${channel.slice(1)} is in the guest's definition and applies at its next boot (shut it down and start it again; a reboot inside the guest is not enough).`;
  if (!s.sharing) return `The guest has ${channel}, but it is set not to share the clipboard.`;
  if (s.agent === "connected") return "Shared clipboard: on. The guest's agent (spice-vdagent) answers.";
  return "The clipboard channel is there, but the guest's side does not answer: install and start spice-vdagent in the guest (a graphical session needs it).";
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
    setNote(`Sent ${value.length} characters to the guest's clipboard.`);
  };
  const sendMine = async () => {
    const value = await navigator.clipboard.readText().catch(() => null);
    if (value === null) return setNote("The browser did not let the page read your clipboard; paste the text into the box instead.");
    setText(value);
    sendText(value);
  };

  return (
    <section
      aria-label="Clipboard"
      data-testid="clipboard-panel"
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      <p data-testid="clipboard-status" data-channel={status.data?.channel} data-agent={status.data?.agent ?? ""}>
        {status.data ? statusWords(status.data) : status.isError ? status.error.message : "Checking the clipboard channel…"}
      </p>
      {status.data?.channel === "none" && status.data.mayAdd ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={add.isPending || add.isSuccess} onClick={() => add.mutate()}>
            Add the clipboard channel (applies at the next boot)
          </Button>
          {add.error ? (
            <span role="alert" className="text-red-600">
              {add.error instanceof ApiRequestError ? add.error.message : "Could not add the channel"}
            </span>
          ) : null}
        </div>
      ) : status.data?.channel === "none" ? (
        <p className="text-slate-500">Someone who may change this guest&apos;s hardware can add the channel.</p>
      ) : null}
      <label className="flex flex-col gap-1">
        Text for the guest&apos;s clipboard
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!canSend || !text} onClick={() => sendText(text)}>
          Send to the guest
        </Button>
        <Button variant="secondary" disabled={!canSend} onClick={() => void sendMine()}>
          Send my clipboard
        </Button>
      </div>
      {!canSend ? <p className="text-slate-500">Only the person in control sends to the guest&apos;s clipboard.</p> : null}
      {note ? <p role="status">{note}</p> : null}
      <div className="flex flex-col gap-1">
        <span>From the guest&apos;s clipboard</span>
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
            Copy to my clipboard
          </Button>
        ) : null}
      </div>
    </section>
  );
}
