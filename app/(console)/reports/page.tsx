import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Reports" };

const reports = [
  {
    href: "/reports/usage",
    title: "Usage",
    text: "vCPU-hours, memory, disk and traffic per host, tag or owner over a month or any range.",
  },
  { href: "/reports/right-sizing", title: "Right-sizing", text: "Oversized and idle guests, and what could be reclaimed." },
];

export default async function ReportsPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Reports" description="Who uses what, and what is given but not used. Capacity forecasts are on the dashboard." />
      <ul className="grid gap-4 md:grid-cols-2">
        {reports.map((r) => (
          <li key={r.href} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <Link href={r.href} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
              {r.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{r.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
