"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { useIssueText } from "@/lib/client/use-issue-text";
import { smtpSettingsSchema } from "@/lib/validations/alerts";

type SmtpView = {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  username: string;
  from: string;
  caCertificate: string;
  passwordSet: boolean;
};
const smtpKey = ["admin", "smtp"] as const;
const securities = ["starttls", "tls", "none"] as const;
const SERVER_EXAMPLE = "mail.example.com";
const FROM_EXAMPLE = "console@example.com";

/** The mail server alert e-mail goes through. The stored password is never shown: the form only says one is set. */
export function SmtpAdmin() {
  const t = useTranslations("smtpAdmin");
  const queryClient = useQueryClient();
  const toast = useToast();
  const current = useQuery({ queryKey: smtpKey, queryFn: () => api<{ smtp: SmtpView | null }>("/api/admin/smtp") });
  if (current.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  return (
    <SmtpForm
      key={JSON.stringify(current.data?.smtp)}
      saved={current.data?.smtp ?? null}
      onSaved={(smtp) => {
        queryClient.setQueryData(smtpKey, { smtp });
        toast.success(t("saved"));
      }}
    />
  );
}

function SmtpForm({ saved, onSaved }: { saved: SmtpView | null; onSaved: (smtp: SmtpView) => void }) {
  const t = useTranslations("smtpAdmin");
  const [host, setHost] = useState(saved?.host ?? "");
  const [port, setPort] = useState(String(saved?.port ?? 587));
  const [security, setSecurity] = useState<SmtpView["security"]>(saved?.security ?? "starttls");
  const [username, setUsername] = useState(saved?.username ?? "");
  const [password, setPassword] = useState("");
  const [from, setFrom] = useState(saved?.from ?? "");
  const [caCertificate, setCaCertificate] = useState(saved?.caCertificate ?? "");
  const [error, setError] = useState<string | null>(null);
  const issueText = useIssueText();
  const save = useMutation({
    mutationFn: (body: unknown) => api<{ smtp: SmtpView }>("/api/admin/smtp", { method: "PUT", body }),
    onSuccess: (data) => onSaved(data.smtp),
    onError: (e) => setError(e.message),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = smtpSettingsSchema.safeParse({ host, port: Number(port), security, username, password, from, caCertificate });
    if (!parsed.success) return setError(parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : t("check"));
    setError(null);
    save.mutate(parsed.data);
  };
  return (
    <section
      aria-labelledby="smtp"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="smtp" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p>{t("intro")}</p>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label={t("formLabel")}>
        <Field label={t("server")}>
          <Input value={host} onChange={(e) => setHost(e.target.value)} placeholder={SERVER_EXAMPLE} />
        </Field>
        <Field label={t("port")}>
          <Input type="number" value={port} onChange={(e) => setPort(e.target.value)} />
        </Field>
        <Field label={t("security")}>
          <Select value={security} onChange={(e) => setSecurity(e.target.value as SmtpView["security"])}>
            {securities.map((s) => (
              <option key={s} value={s}>
                {t(`securityOption.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("from")}>
          <Input type="email" value={from} onChange={(e) => setFrom(e.target.value)} placeholder={FROM_EXAMPLE} />
        </Field>
        <Field label={t("username")} hint={t("usernameHint")}>
          <Input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </Field>
        <Field label={t("password")} hint={saved?.passwordSet ? t("passwordSaved") : undefined}>
          <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("ca")} hint={t("caHint")}>
            <textarea
              className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
              rows={3}
              value={caCertificate}
              onChange={(e) => setCaCertificate(e.target.value)}
            />
          </Field>
        </div>
        {error ? (
          <p role="alert" className="text-red-600 sm:col-span-2">
            {error}
          </p>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
