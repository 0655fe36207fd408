import type { Metadata } from "next";
import { AuditLogView } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through the console, newest first." />
      <AuditLogView />
    </>
  );
}
