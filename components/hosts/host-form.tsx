"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { buildHostUri, hostFormSchema, hostKindLabels, hostKinds, type HostFormInput, type HostKind } from "@/lib/validations/hosts";

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

export function HostForm({ host }: { host?: EditedHost }) {
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
  const stored = (secret: string) => (host?.storedSecrets.includes(secret) ? "Stored; leave empty to keep it" : undefined);

  const test = useMutation({
    mutationFn: (form: HostFormInput) => api<TestResult>("/api/hosts/test", { body: { form, hostId: host?.id } }),
    onSuccess: setTested,
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const save = useMutation({
    mutationFn: (form: HostFormInput) =>
      host ? api(`/api/hosts/${host.id}`, { method: "PATCH", body: form }) : api("/api/hosts", { body: form }),
    onSuccess: () => {
      toast.success(host ? `Saved ${v.name}` : `Added ${v.name}`);
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

  return (
    <form
      noValidate
      aria-label={host ? `Edit host ${host.name}` : "New host"}
      onSubmit={(e) => {
        e.preventDefault();
        const form = validated();
        if (form) save.mutate(form);
      }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Connection" error={errors.fields.kind}>
          <Select value={v.kind} onChange={(e) => set({ kind: e.target.value as HostKind })}>
            {hostKinds.map((k) => (
              <option key={k} value={k}>
                {hostKindLabels[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" error={errors.fields.name} hint="How the console shows this host">
          <Input value={v.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
        </Field>
        {v.kind === "ssh" ? (
          <Field label="User" error={errors.fields.user}>
            <Input value={v.user} onChange={(e) => set({ user: e.target.value })} autoComplete="off" />
          </Field>
        ) : null}
        {remote ? (
          <>
            <Field label="Address" error={errors.fields.address} hint="Host name or IP address">
              <Input value={v.address} onChange={(e) => set({ address: e.target.value })} autoComplete="off" />
            </Field>
            <Field
              label="Port"
              error={errors.fields.port}
              hint={v.kind === "ssh" ? "Default 22" : v.kind === "tls" ? "Default 16514" : "Default 16509"}
            >
              <Input value={v.port} inputMode="numeric" onChange={(e) => set({ port: e.target.value })} />
            </Field>
          </>
        ) : null}
        {v.kind === "custom" ? (
          <Field label="libvirt URI" error={errors.fields.uri}>
            <Input value={v.uri} onChange={(e) => set({ uri: e.target.value })} placeholder="qemu+ssh://root@host/system" />
          </Field>
        ) : null}
        {v.kind === "ssh" ? (
          <Field label="Sign in with" error={errors.fields.auth}>
            <Select value={v.auth} onChange={(e) => set({ auth: e.target.value as "key" | "password" })}>
              <option value="key">Private key</option>
              <option value="password">Password</option>
            </Select>
          </Field>
        ) : null}
      </div>

      {v.kind === "ssh" && v.auth === "key" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Private key"
            error={errors.fields.privateKey}
            hint={stored("privateKey") ?? "Paste it (OpenSSH or PEM), or choose the file below"}
          >
            <textarea
              aria-label="Private key"
              value={v.privateKey}
              onChange={(e) => set({ privateKey: e.target.value })}
              rows={5}
              spellCheck={false}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
            />
            <input type="file" aria-label="Private key file" onChange={readFile("privateKey")} className="text-xs" />
          </Field>
          <Field label="Key passphrase" error={errors.fields.passphrase} hint={stored("passphrase") ?? "Only if the key has one"}>
            <Input type="password" value={v.passphrase} onChange={(e) => set({ passphrase: e.target.value })} autoComplete="off" />
          </Field>
        </div>
      ) : null}
      {v.kind === "ssh" && v.auth === "password" ? (
        <Field label="Password" error={errors.fields.password} hint={stored("password")}>
          <Input type="password" value={v.password} onChange={(e) => set({ password: e.target.value })} autoComplete="off" />
        </Field>
      ) : null}
      {v.kind === "tls" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          {(["tlsCa", "tlsCert", "tlsKey"] as const).map((f) => (
            <Field
              key={f}
              label={{ tlsCa: "CA certificate", tlsCert: "Client certificate", tlsKey: "Client key" }[f]}
              error={errors.fields[f]}
              hint={stored(f) ?? "PEM; empty uses libvirt's default files on this server"}
            >
              <textarea
                aria-label={f}
                value={v[f]}
                onChange={(e) => set({ [f]: e.target.value })}
                rows={4}
                spellCheck={false}
                className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
              />
              <input type="file" aria-label={`${f} file`} onChange={readFile(f)} className="text-xs" />
            </Field>
          ))}
        </div>
      ) : null}

      {v.kind === "tls" || v.kind === "tcp" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="SASL user"
            error={errors.fields.saslUser}
            hint='Only for daemons with auth_tls or auth_tcp = "sasl" (SCRAM-SHA-256 or SCRAM-SHA-1)'
          >
            <Input value={v.saslUser} onChange={(e) => set({ saslUser: e.target.value })} autoComplete="off" />
          </Field>
          {v.saslUser ? (
            <Field label="SASL password" error={errors.fields.password} hint={stored("password")}>
              <Input type="password" value={v.password} onChange={(e) => set({ password: e.target.value })} autoComplete="off" />
            </Field>
          ) : null}
        </div>
      ) : null}

      <p className="text-sm">
        URI:{" "}
        <code data-testid="host-uri" className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
          {previewUri(v)}
        </code>
      </p>
      {v.kind === "ssh" && v.hostKeyFingerprint ? (
        <p className="text-sm text-green-700 dark:text-green-400" data-testid="pinned-key">
          Host key confirmed: <code>{v.hostKeyFingerprint}</code>
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
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {host ? "Save host" : "Add host"}
        </Button>
      </div>
    </form>
  );
}

function TestOutcome({ result, onConfirm }: { result: TestResult | null; onConfirm: (fingerprint: string) => void }) {
  if (!result) return null;
  if (result.ok) {
    return (
      <div
        role="status"
        className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
      >
        Connected to <strong>{result.hostname}</strong>: libvirt {result.libvirtVersion}, {result.hypervisor}.
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
            The host presented the key <code data-testid="presented-key">{result.fingerprint}</code>. Compare it with{" "}
            <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> on the host, then confirm.
          </p>
          <Button type="button" onClick={() => onConfirm(result.fingerprint!)}>
            Confirm this key
          </Button>
        </>
      ) : null}
    </div>
  );
}
