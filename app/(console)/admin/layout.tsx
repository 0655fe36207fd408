import Link from "next/link";
import { AccessDenied } from "@/components/ui/access-denied";
import { requireActor } from "@/lib/server/current-actor";
import { isAdmin } from "@/lib/roles";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  if (!isAdmin(actor.grants)) return <AccessDenied />;
  return (
    <>
      <nav aria-label="Admin" className="mb-6 flex gap-4 border-b border-slate-200 text-sm dark:border-slate-800">
        <Link href="/admin/users" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          Users
        </Link>
        <Link href="/admin/audit" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          Audit log
        </Link>
        <Link href="/admin/sign-in" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          Sign-in
        </Link>
        <Link href="/admin/clusters" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          Clusters
        </Link>
        <Link href="/admin/settings" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          Settings
        </Link>
      </nav>
      {children}
    </>
  );
}
