"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { RecoveryCodes, TotpEnrolment, type Enrolment } from "@/components/auth/totp-parts";

export type TwoFactorState = { enabled: boolean; enabledAt: string | null; required: boolean; recoveryCodesLeft: number };

export const accountKey = ["account"] as const;

export function TwoFactor({ state }: { state: TwoFactorState }) {
  const t = useTranslations("account.twoFactor");
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const [enrolment, setEnrolment] = useState<(Enrolment & { challenge: string }) | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const refresh = () => void queryClient.invalidateQueries({ queryKey: accountKey });

  const start = useMutation({
    mutationFn: () => api<Enrolment & { challenge: string }>("/api/account/two-factor", { method: "POST" }),
    onSuccess: setEnrolment,
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const confirm = useMutation({
    mutationFn: (c: string) =>
      api<{ recoveryCodes: string[] }>("/api/account/two-factor", { method: "PUT", body: { challenge: enrolment?.challenge, code: c } }),
    onSuccess: (data) => {
      setEnrolment(null);
      setCodes(data.recoveryCodes);
      toast.success(t("turnedOn"));
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const answer = () => (/^\d{3}\s?\d{3}$/.test(code.trim()) ? { code: code.trim() } : { recoveryCode: code.trim() });
  const disable = useMutation({
    mutationFn: () => api("/api/account/two-factor", { method: "DELETE", body: answer() }),
    onSuccess: () => {
      setCode("");
      toast.success(t("turnedOff"));
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const renew = useMutation({
    mutationFn: () => api<{ recoveryCodes: string[] }>("/api/account/two-factor/recovery-codes", { body: answer() }),
    onSuccess: (data) => {
      setCode("");
      setCodes(data.recoveryCodes);
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });

  return (
    <section
      aria-labelledby="two-factor"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="two-factor" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p data-testid="two-factor-state" className="text-sm">
        {state.enabled ? t("on", { count: state.recoveryCodesLeft }) : t("off")}
        {state.required ? ` ${t("required")}` : ""}
      </p>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {!state.enabled && !enrolment ? (
        <Button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
          {t("setUp")}
        </Button>
      ) : null}
      {enrolment ? (
        <TotpEnrolment enrolment={enrolment} busy={confirm.isPending} error={errors.fields.code} onConfirm={(c) => confirm.mutate(c)} />
      ) : null}
      {state.enabled ? (
        <div className="space-y-2">
          <Field label={t("codeLabel")} error={errors.fields.code ?? errors.fields.recoveryCode}>
            <Input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" className="max-w-xs" />
          </Field>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => renew.mutate()} disabled={!code || renew.isPending}>
              {t("newCodes")}
            </Button>
            {state.required ? null : (
              <Button type="button" variant="danger" onClick={() => disable.mutate()} disabled={!code || disable.isPending}>
                {t("turnOff")}
              </Button>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
