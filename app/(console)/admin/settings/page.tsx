import type { Metadata } from "next";
import { IsoLibraryAdmin } from "@/components/admin/iso-library-admin";
import { SettingsAdmin } from "@/components/admin/settings-admin";
import { SmtpAdmin } from "@/components/admin/smtp-admin";
import { PageHeader } from "@/components/ui/page-header";
import { formatSubnet } from "@/lib/networks/addresses";
import { addressRules } from "@/lib/server/net/address-rules";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  // The address rules as the fetch guard applies them, so the page lists exactly what is refused.
  const rules = addressRules.map((r) => ({ words: r.words, networks: r.networks.map(formatSubnet), allowable: r.allowable }));
  return (
    <>
      <PageHeader title="Settings" description="Console-wide settings. Every change is in the audit log." />
      <div className="space-y-6">
        <SettingsAdmin rules={rules} />
        <IsoLibraryAdmin />
        <SmtpAdmin />
      </div>
    </>
  );
}
