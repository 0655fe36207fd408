"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { DEFAULT_SSH_PORT, DEFAULT_TCP_PORT, DEFAULT_TLS_PORT } from "@/lib/libvirt/default-ports";
import { buildHostUri, hostFormSchema, hostKinds, type HostFormInput, type HostKind } from "@/lib/validations/hosts";

type Values = {
  kind: HostKind;
  name: string;
  user: string;
  address: string;
  port: string;
  auth: "key" | "password";
  privateKey: string;
  passphrase: string;
  password: string;
  hostKeyFingerprint: string;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  saslUser: string;
  uri: string;
};

type TestResult =
  | { ok: true; uri: string; hostname: string; libvirtVersion: string; hypervisor: string; fingerprint: string | null }
  | { ok: false; uri: string; message: string; needsHostKeyConfirmation: boolean; fingerprint: string | null };

export type EditedHost = {
  id: string;
  name: string;
  form: { kind: HostKind; user?: string; address?: string; port?: number; uri?: string };
  sshHostKey: string | null;
  storedSecrets: string[];
};

const blank: Values = {
  kind: "ssh",
  name: "",
  user: "root",
  address: "",
  port: "",
  auth: "key",
  privateKey: "",
  passphrase: "",
  password: "",
  hostKeyFingerprint: "",
  tlsCa: "",
  tlsCert: "",
  tlsKey: "",
  saslUser: "",
  uri: "",
};

function initialValues(host?: EditedHost): Values {
  if (!host) return blank;
  const { kind, user, address, port, uri } = host.form;
  const sasl = kind === "tls" || kind === "tcp";
  return {
    ...blank,
    kind,
    name: host.name,
    user: sasl ? "root" : (user ?? "root"),
    saslUser: sasl ? (user ?? "") : "",
    address: address ?? "",
    port: port ? String(port) : "",
    uri: uri ?? "",
    hostKeyFingerprint: host.sshHostKey ?? "",
    auth: host.storedSecrets.includes("password") ? "password" : "key",
  };
}

/** The raw values as the shared schema expects them; secrets left empty mean "keep the stored one". */
function toInput(v: Values): unknown {
  const common = { kind: v.kind, name: v.name };
  switch (v.kind) {
    case "ssh":
      return {
        ...common,
        user: v.user,
        address: v.address,
        port: v.port,
        auth: v.auth,
        privateKey: v.privateKey,
        passphrase: v.passphrase,
        password: v.password,
        hostKeyFingerprint: v.hostKeyFingerprint || undefined,
      };
    case "tls":
      return {
        ...common,
        address: v.address,
        port: v.port,
        tlsCa: v.tlsCa,
        tlsCert: v.tlsCert,
        tlsKey: v.tlsKey,
        saslUser: v.saslUser,
        password: v.password,
      };
    case "tcp":
      return { ...common, address: v.address, port: v.port, saslUser: v.saslUser, password: v.password };
    case "custom":
      return { ...common, uri: v.uri };
    default:
      return common;
  }
}

function previewUri(v: Values): string {
  const parsed = hostFormSchema.safeParse(toInput({ ...v, name: v.name || "x" }));
  return parsed.success ? buildHostUri(parsed.data) : "—";
}

/** The port each remote connection uses when none is given (libvirt's defaults). */
const DEFAULT_PORTS: Partial<Record<HostKind, number>> = { ssh: DEFAULT_SSH_PORT, tls: DEFAULT_TLS_PORT, tcp: DEFAULT_TCP_PORT };

/** The PEM files a TLS connection may carry. */
const TLS_FILES = ["tlsCa", "tlsCert", "tlsKey"] as const;

/** Examples, not words: the same in every language. */
const EXAMPLE_URI = "qemu+ssh://root@host/system";

export function HostForm({ host }: { host?: EditedHost }) {
  const t = useTranslations("hostForm");
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [v, setValues] = useState<Values>(() => initialValues(host));
  const [tested, setTested] = useState<TestResult | null>(null);
  const set = (patch: Partial<Values>) => {
    setValues((old) => {
      const next = { ...old, ...patch };
      // A confirmed host key belongs to one address: another address or port needs a new confirmation.
      const moved = next.address.trim() !== old.address.trim() || next.port.trim() !== old.port.trim() || next.kind !== old.kind;
      return moved && old.hostKeyFingerprint && !("hostKeyFingerprint" in patch) ? { ...next, hostKeyFingerprint: "" } : next;
    });
    setTested(null);
  };
  const stored = (secret: string) => (host?.storedSecrets.includes(secret) ? t("stored") : undefined);
  const kept = {
    privateKey: stored("privateKey"),
    passphrase: stored("passphrase"),
    password: stored("password"),
    tlsCa: stored("tlsCa"),
    tlsCert: stored("tlsCert"),
    tlsKey: stored("tlsKey"),
  };

  const test = useMutation({
    mutationFn: (form: HostFormInput) => api<TestResult>("/api/hosts/test", { body: { form, hostId: host?.id } }),
    onSuccess: setTested,
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const save = useMutation({
    mutationFn: (form: HostFormInput) =>
      host ? api(`/api/hosts/${host.id}`, { method: "PATCH", body: form }) : api("/api/hosts", { body: form }),
    onSuccess: () => {
      toast.success(t(host ? "saved" : "added", { name: v.name }));
      void queryClient.invalidateQueries({ queryKey: ["hosts"] });
      router.push("/hosts");
      router.refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const validated = () => errors.validate(hostFormSchema, toInput(v)) as HostFormInput | null;

  const readFile = (field: "privateKey" | "tlsCa" | "tlsCert" | "tlsKey") => async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) set({ [field]: await file.text() });
  };
  const remote = v.kind === "ssh" || v.kind === "tls" || v.kind === "tcp";
  const defaultPort = DEFAULT_PORTS[v.kind];

  return (
    <form
      noValidate
      aria-label={host ? t("editHost", { name: host.name }) : t("newHost")}
      onSubmit={(e) => {
        e.preventDefault();
        const form = validated();
        if (form) save.mutate(form);
      }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("connection")} error={errors.fields.kind}>
          <Select value={v.kind} onChange={(e) => set({ kind: e.target.value as HostKind })}>
            {hostKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("name")} error={errors.fields.name} hint={t("nameHint")}>
          <Input value={v.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
        </Field>
        {v.kind === "ssh" ? (
          <Field label={t("user")} error={errors.fields.user}>
            <Input value={v.user} onChange={(e) => set({ user: e.target.value })} autoComplete="off" />
          </Field>
        ) : null}
        {remote ? (
          <>
            <Field label={t("address")} error={errors.fields.address} hint={t("addressHint")}>
              <Input value={v.address} onChange={(e) => set({ address: e.target.value })} autoComplete="off" />
            </Field>
            <Field label={t("port")} error={errors.fields.port} hint={defaultPort ? t("defaultPort", { port: defaultPort }) : undefined}>
              <Input value={v.port} inputMode="numeric" onChange={(e) => set({ port: e.target.value })} />
            </Field>
          </>
        ) : null}
        {v.kind === "custom" ? (
          <Field label={t("uri")} error={errors.fields.uri}>
            <Input value={v.uri} onChange={(e) => set({ uri: e.target.value })} placeholder={EXAMPLE_URI} />
          </Field>
        ) : null}
        {v.kind === "ssh" ? (
          <Field label={t("signInWith")} error={errors.fields.auth}>
            <Select value={v.auth} onChange={(e) => set({ auth: e.target.value as "key" | "password" })}>
              <option value="key">{t("privateKey")}</option>
              <option value="password">{t("password")}</option>
            </Select>
          </Field>
        ) : null}
      </div>

      {v.kind === "ssh" && v.auth === "key" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("privateKey")} error={errors.fields.privateKey} hint={kept.privateKey ?? t("privateKeyHint")}>
            <textarea
              aria-label={t("privateKey")}
              value={v.privateKey}
              onChange={(e) => set({ privateKey: e.target.value })}
              rows={5}
              spellCheck={false}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
            />
            <input type="file" aria-label={t("privateKeyFile")} onChange={readFile("privateKey")} className="text-xs" />
          </Field>
          <Field label={t("passphrase")} error={errors.fields.passphrase} hint={kept.passphrase ?? t("passphraseHint")}>
            <Input type="password" value={v.passphrase} onChange={(e) => set({ passphrase: e.target.value })} autoComplete="off" />
          </Field>
        </div>
      ) : null}
      {v.kind === "ssh" && v.auth === "password" ? (
        <Field label={t("password")} error={errors.fields.password} hint={kept.password}>
          <Input type="password" value={v.password} onChange={(e) => set({ password: e.target.value })} autoComplete="off" />
        </Field>
      ) : null}
      {v.kind === "tls" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          {TLS_FILES.map((f) => (
            <Field key={f} label={t(f)} error={errors.fields[f]} hint={kept[f] ?? t("pemHint")}>
              <textarea
                aria-label={f}
                value={v[f]}
                onChange={(e) => set({ [f]: e.target.value })}
                rows={4}
                spellCheck={false}
                className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
              />
              <input type="file" aria-label={t("fileOf", { field: t(f) })} onChange={readFile(f)} className="text-xs" />
            </Field>
          ))}
        </div>
      ) : null}

      {v.kind === "tls" || v.kind === "tcp" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("saslUser")} error={errors.fields.saslUser} hint={t("saslHint")}>
            <Input value={v.saslUser} onChange={(e) => set({ saslUser: e.target.value })} autoComplete="off" />
          </Field>
          {v.saslUser ? (
            <Field label={t("saslPassword")} error={errors.fields.password} hint={kept.password}>
              <Input type="password" value={v.password} onChange={(e) => set({ password: e.target.value })} autoComplete="off" />
            </Field>
          ) : null}
        </div>
      ) : null}

      <p className="text-sm">
        {t("uriLabel")}{" "}
        <code data-testid="host-uri" className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
          {previewUri(v)}
        </code>
      </p>
      {v.kind === "ssh" && v.hostKeyFingerprint ? (
        <p className="text-sm text-green-700 dark:text-green-400" data-testid="pinned-key">
          {t("keyConfirmed")} <code>{v.hostKeyFingerprint}</code>
        </p>
      ) : null}
      {errors.fields.hostKeyFingerprint ? <p className="text-sm text-red-600">{errors.fields.hostKeyFingerprint}</p> : null}

      <TestOutcome result={tested} onConfirm={(fingerprint) => setValues((old) => ({ ...old, hostKeyFingerprint: fingerprint }))} />

      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={test.isPending}
          onClick={() => {
            const form = validated();
            if (form) test.mutate(form);
          }}
        >
          {test.isPending ? t("testing") : t("test")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {host ? t("save") : t("add")}
        </Button>
      </div>
    </form>
  );
}

function TestOutcome({ result, onConfirm }: { result: TestResult | null; onConfirm: (fingerprint: string) => void }) {
  const t = useTranslations("hostForm");
  if (!result) return null;
  if (result.ok) {
    return (
      <div
        role="status"
        className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
      >
        {t.rich("connectedTo", {
          hostname: result.hostname,
          version: result.libvirtVersion,
          hypervisor: result.hypervisor,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <p>{result.message}</p>
      {result.needsHostKeyConfirmation && result.fingerprint ? (
        <>
          <p>
            {t.rich("presentedKey", {
              fingerprint: result.fingerprint,
              key: (chunks) => <code data-testid="presented-key">{chunks}</code>,
              cmd: (chunks) => <code>{chunks}</code>,
            })}
          </p>
          <Button type="button" onClick={() => onConfirm(result.fingerprint!)}>
            {t("confirmKey")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
