"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("console.invite");
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
      title={t("title")}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t("close")}
          </Button>
          <Button disabled={!chosen || invite.isPending} onClick={() => invite.mutate(chosen)}>
            {t("send")}
          </Button>
        </>
      }
    >
      <p>{t("intro")}</p>
      {colleagues.isPending ? <p className="text-slate-500">{t("loading")}</p> : null}
      {colleagues.isSuccess && list.length === 0 ? <p>{t("nobody")}</p> : null}
      {list.length ? (
        <label className="flex flex-col gap-1">
          {t("colleague")}
          <select
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">{t("choose")}</option>
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
          {invite.error instanceof ApiRequestError ? invite.error.message : t("failed")}
        </p>
      ) : null}
      {link ? (
        <div role="status" className="space-y-1">
          <p>{t("sent")}</p>
          <div className="flex gap-2">
            <input
              readOnly
              value={link}
              aria-label={t("link")}
              className="flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            />
            <Button variant="secondary" onClick={() => void navigator.clipboard.writeText(link).catch(() => undefined)}>
              {t("copy")}
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
