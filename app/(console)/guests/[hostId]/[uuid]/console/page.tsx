import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConsoleView } from "@/components/console/console-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { requireActor } from "@/lib/server/current-actor";
import { WATCH_PARAM } from "@/lib/consoles/presence";
import { can } from "@/lib/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console"))("toolbar.label") };
}

export default async function GuestConsolePage({
  params,
  searchParams,
}: {
  params: Promise<{ hostId: string; uuid: string }>;
  searchParams: Promise<{ view?: string; [WATCH_PARAM.name]?: string }>;
}) {
  const [actor, { hostId, uuid }, query] = await Promise.all([requireActor(), params, searchParams]);
  const { view } = query;
  const guestUuid = uuid.toLowerCase();
  const [t, tUi] = await Promise.all([getTranslations("guest"), getTranslations("ui")]);
  if (!can(actor.grants, "guest.console", { kind: "guest", hostId, guestUuid })) return <AccessDenied />;
  return (
    <div className="flex h-[calc(100vh-6rem)] flex-col gap-3">
      <nav aria-label={tUi("breadcrumb")} className="text-sm text-slate-500">
        <Link href={`/guests/${encodeURIComponent(hostId)}/${guestUuid}`} className="hover:underline">
          {t("backToGuest")}
        </Link>
      </nav>
      <ConsoleView
        hostId={hostId}
        uuid={guestUuid}
        initialView={typeof view === "string" ? view : undefined}
        watch={query[WATCH_PARAM.name] === WATCH_PARAM.value}
      />
    </div>
  );
}
