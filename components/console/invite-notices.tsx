"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { WATCH_PARAM } from "@/lib/consoles/presence";
import { useLiveNotices } from "@/lib/client/live-events";
import { Button } from "@/components/ui/button";

/** A colleague's invitation to watch a guest's display: who, which guest, and a link that opens it view-only. */
export function InviteNotices() {
  const t = useTranslations("console.invite");
  const { invites, dismiss } = useLiveNotices();
  if (invites.length === 0) return null;
  return (
    <div className="fixed top-16 right-4 z-50 flex w-80 flex-col gap-2" aria-live="polite">
      {invites.map((invite) => (
        <div
          key={invite.id}
          role="status"
          data-testid="console-invite"
          className="rounded-md border border-blue-200 bg-white p-3 text-sm shadow-lg dark:border-blue-900 dark:bg-slate-900"
        >
          <p>{t.rich("notice", { from: invite.from, guest: invite.guest, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <div className="mt-2 flex gap-2">
            <Link
              href={`/guests/${encodeURIComponent(invite.hostId)}/${invite.uuid}/console?${WATCH_PARAM.name}=${WATCH_PARAM.value}`}
              onClick={() => dismiss(invite.id)}
              className="rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700"
            >
              {t("watch")}
            </Link>
            <Button variant="secondary" onClick={() => dismiss(invite.id)}>
              {t("notNow")}
            </Button>
          </div>
        </div>
      ))}
    </div>
  );
}
