"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
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

/** The mail server alert e-mail goes through. The stored password is never shown: the form only says one is set. */
export function SmtpAdmin() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const current = useQuery({ queryKey: smtpKey, queryFn: () => api<{ smtp: SmtpView | null }>("/api/admin/smtp") });
  if (current.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <SmtpForm
      key={JSON.stringify(current.data?.smtp)}
      saved={current.data?.smtp ?? null}
      onSaved={(smtp) => {
        queryClient.setQueryData(smtpKey, { smtp });
        toast.success("Mail server saved");
      }}
    />
  );
}

function SmtpForm({ saved, onSaved }: { saved: SmtpView | null; onSaved: (smtp: SmtpView) => void }) {
  const [host, setHost] = useState(saved?.host ?? "");
  const [port, setPort] = useState(String(saved?.port ?? 587));
  const [security, setSecurity] = useState<SmtpView["security"]>(saved?.security ?? "starttls");
  const [username, setUsername] = useState(saved?.username ?? "");
  const [password, setPassword] = useState("");
  const [from, setFrom] = useState(saved?.from ?? "");
  const [caCertificate, setCaCertificate] = useState(saved?.caCertificate ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: unknown) => api<{ smtp: SmtpView }>("/api/admin/smtp", { method: "PUT", body }),
    onSuccess: (data) => onSaved(data.smtp),
    onError: (e) => setError(e.message),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = smtpSettingsSchema.safeParse({ host, port: Number(port), security, username, password, from, caCertificate });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the settings");
    setError(null);
    save.mutate(parsed.data);
  };
  return (
    <section
      aria-labelledby="smtp"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="smtp" className="text-lg font-semibold">
        Mail server for alerts
      </h2>
      <p>Alert e-mail goes through this server. People choose which rules reach them on the Alerts page.</p>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label="Mail server">
        <Field label="Server">
          <Input value={host} onChange={(e) => setHost(e.target.value)} placeholder="mail.example.com" />
        </Field>
        <Field label="Port">
          <Input type="number" value={port} onChange={(e) => setPort(e.target.value)} />
        </Field>
        <Field label="Security">
          <Select value={security} onChange={(e) => setSecurity(e.target.value as SmtpView["security"])}>
            <option value="starttls">STARTTLS (required)</option>
            <option value="tls">TLS from the start</option>
            <option value="none">None (not encrypted)</option>
          </Select>
        </Field>
        <Field label="Sender address">
          <Input type="email" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="console@example.com" />
        </Field>
        <Field label="User name" hint="Leave empty if the server takes mail without signing in">
          <Input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Password" hint={saved?.passwordSet ? "A password is saved; leave empty to keep it" : undefined}>
          <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <div className="sm:col-span-2">
          <Field label="Trusted certificate (PEM)" hint="Only for a server whose certificate a private authority signed">
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
            Save mail server
          </Button>
        </div>
      </form>
    </section>
  );
}
