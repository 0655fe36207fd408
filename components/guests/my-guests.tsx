"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { guestScope, type GuestListResponse } from "@/lib/guests/types";
import { can, type Grant } from "@/lib/roles";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { isActive } from "@/lib/text/format";
import { HostErrors } from "./host-errors";
import { StateBadge } from "./state-badge";

/** The dashboard of people without dashboards (helpdesk staff): the guests granted to them, each a click from its page and console. */
export function MyGuests({ grants }: { grants: Grant[] }) {
  const fallback = useFallbackInterval();
  const list = useQuery({ queryKey: queryKeys.guests(), queryFn: () => api<GuestListResponse>("/api/guests"), refetchInterval: fallback });
  if (list.isPending) return <p className="text-sm text-slate-500">Loading your guests…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {list.error.message}
      </p>
    );
  const hostNames = new Map(list.data.hosts.map((h) => [h.id, h.name]));
  const guests = [...list.data.guests].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-label="Your guests" className="space-y-3">
      <h2 className="text-lg font-semibold">Your guests</h2>
      <HostErrors errors={list.data.errors} hosts={list.data.hosts} />
      {guests.length === 0 ? (
        <EmptyState title="No guests granted to you">An administrator grants you the guests you look after.</EmptyState>
      ) : (
        <Table columns={[{ label: "Name" }, { label: "Host" }, { label: "State" }, { label: "Console" }]}>
          {guests.map((g) => (
            <tr key={`${g.hostId}/${g.uuid}`} className="border-t border-slate-200 dark:border-slate-800">
              <td className="px-3 py-2">
                <Link
                  href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}`}
                  className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                >
                  {g.name}
                </Link>
                {g.title ? <div className="text-xs text-slate-500">{g.title}</div> : null}
              </td>
              <td className="px-3 py-2">{hostNames.get(g.hostId) ?? g.hostId}</td>
              <td className="px-3 py-2">
                <StateBadge state={g.state} reason={g.stateReason} />
              </td>
              <td className="px-3 py-2">
                {isActive(g.state) && can(grants, "guest.console", guestScope(g)) ? (
                  <Link
                    href={`/guests/${encodeURIComponent(g.hostId)}/${g.uuid}/console`}
                    aria-label={`Open the console of ${g.name}`}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                  >
                    Open console
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
