import type { Metadata } from "next";
import { UsersAdmin } from "@/components/admin/users-admin";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <>
      <PageHeader title="Users" description="People who can sign in, and the roles they hold globally or on one host or guest." />
      <UsersAdmin />
    </>
  );
}
