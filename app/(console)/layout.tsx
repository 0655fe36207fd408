import { InviteNotices } from "@/components/console/invite-notices";
import { Shell } from "@/components/shell/shell";
import { headers } from "next/headers";
import { isLocale } from "@/lib/i18n/locales";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import { LiveEventsProvider } from "@/lib/client/live-events";
import { requireActor } from "@/lib/server/current-actor";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <Shell
      user={{
        username: actor.username,
        displayName: actor.displayName,
        grants: actor.grants,
        locale: isLocale(actor.locale) ? actor.locale : null,
        browserLocale: negotiateLocale((await headers()).get("accept-language")),
      }}
    >
      <LiveEventsProvider>
        <InviteNotices />
        {children}
      </LiveEventsProvider>
    </Shell>
  );
}
