"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import type { Grant } from "@/lib/roles";
import { ApiTokens } from "./api-tokens";
import { ChangePassword } from "./change-password";
import { accountKey, TwoFactor, type TwoFactorState } from "./two-factor";

type Account = { username: string; displayName: string; source: string; providerName: string | null; twoFactor: TwoFactorState };

export function AccountPage({ grants, hostNames }: { grants: Grant[]; hostNames: [string, string][] }) {
  const t = useTranslations("account");
  const account = useQuery({ queryKey: accountKey, queryFn: () => api<Account>("/api/account") });
  if (account.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (account.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {account.error.message}
      </p>
    );
  const a = account.data;
  const names = new Map(hostNames);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        {a.source === "local"
          ? t.rich("signedInLocal", { user: a.username, strong: (chunks) => <strong>{chunks}</strong> })
          : t.rich("signedInProvider", {
              user: a.username,
              provider: a.providerName ?? t("removedProvider"),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
      </p>
      {a.source === "local" ? <ChangePassword /> : null}
      {a.source === "oidc" ? null : <TwoFactor state={a.twoFactor} />}
      <ApiTokens grants={grants} hostNames={names} />
    </div>
  );
}
