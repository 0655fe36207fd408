"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { api, ApiRequestError } from "@/lib/client/api";
import type { Colleague } from "@/lib/consoles/presence";
import { consoleApiPath } from "./console-socket";

/**
 * A view-only invitation: pick a colleague who may open this guest's console; their open pages show it
 * at once, and the link (no secret in it: it opens the console page, which gets their own ticket) can be
 * sent any other way too.
 */
export function InviteDialog({ hostId, uuid, open, onClose }: { hostId: string; uuid: string; open: boolean; onClose: () => void }) {
  const [chosen, setChosen] = useState("");
  const colleagues = useQuery({
    queryKey: ["guest", hostId, uuid, "console-colleagues"],
    queryFn: () => api<{ colleagues: Colleague[] }>(consoleApiPath(hostId, uuid, "console/colleagues")),
    enabled: open,
  });
  const invite = useMutation({
    mutationFn: (userId: string) => api<{ link: string }>(consoleApiPath(hostId, uuid, "console/invite"), { body: { userId } }),
  });
  const list = colleagues.data?.colleagues ?? [];
  const link = invite.data ? `${window.location.origin}${invite.data.link}` : null;
  const close = () => {
    invite.reset();
    setChosen("");
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite a colleague to watch"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
          <Button disabled={!chosen || invite.isPending} onClick={() => invite.mutate(chosen)}>
            Send invitation
          </Button>
        </>
      }
    >
      <p>
        They see this display without controlling it, and can ask you for control. Only people who may open this guest&apos;s console are
        listed.
      </p>
      {colleagues.isPending ? <p className="text-slate-500">Loading…</p> : null}
      {colleagues.isSuccess && list.length === 0 ? <p>Nobody else may open this guest&apos;s console.</p> : null}
      {list.length ? (
        <label className="flex flex-col gap-1">
          Colleague
          <select
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">Choose…</option>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name === c.username ? c.name : `${c.name} (${c.username})`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {invite.error ? (
        <p role="alert" className="text-red-600">
          {invite.error instanceof ApiRequestError ? invite.error.message : "Could not send the invitation"}
        </p>
      ) : null}
      {link ? (
        <div role="status" className="space-y-1">
          <p>Invitation sent. The link, if you want to send it another way:</p>
          <div className="flex gap-2">
            <input
              readOnly
              value={link}
              aria-label="View-only link"
              className="flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            />
            <Button variant="secondary" onClick={() => void navigator.clipboard.writeText(link).catch(() => undefined)}>
              Copy
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
