import type { useTranslations } from "next-intl";
import type { FleetEvent } from "@/lib/metrics/fleet-types";

export type DashboardWords = ReturnType<typeof useTranslations<"dashboard">>;

/** A fleet event in the reader's words; `hostName` gives a host's current name, the event's own one for hosts gone since. */
export function fleetEventText(e: FleetEvent, hostName: (id: string) => string | undefined, t: DashboardWords): string {
  const host = hostName(e.hostId) ?? e.hostName ?? t("event.removedHost");
  switch (e.kind) {
    case "guest.crashed":
      return t("event.guest.crashed", { guest: e.name, host });
    case "guest.started":
      return t("event.guest.started", { guest: e.name, host });
    case "guest.stopped":
      return t("event.guest.stopped", { guest: e.name, host });
    case "guest.paused":
      return t("event.guest.paused", { guest: e.name, host, reason: e.message ?? t("event.anError") });
    case "guest.resumed":
      return t("event.guest.resumed", { guest: e.name, host });
    case "host.disconnected":
      return e.message ? t("event.host.disconnectedWhy", { host, message: e.message }) : t("event.host.disconnected", { host });
    case "host.connected":
      return t("event.host.connected", { host });
  }
}
