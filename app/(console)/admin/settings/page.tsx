import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IsoLibraryAdmin } from "@/components/admin/iso-library-admin";
import { SettingsAdmin } from "@/components/admin/settings-admin";
import { SmtpAdmin } from "@/components/admin/smtp-admin";
import { PageHeader } from "@/components/ui/page-header";
import { formatSubnet } from "@/lib/networks/addresses";
import { addressRules } from "@/lib/server/net/address-rules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settingsAdmin"))("title") };
}

export default async function SettingsPage() {
  const t = await getTranslations("settingsAdmin");
  // The address rules as the fetch guard applies them, so the page lists exactly what is refused.
  const rules = addressRules.map((r) => ({ id: r.id, networks: r.networks.map(formatSubnet), allowable: r.allowable }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <SettingsAdmin rules={rules} />
        <IsoLibraryAdmin />
        <SmtpAdmin />
      </div>
    </>
  );
}
