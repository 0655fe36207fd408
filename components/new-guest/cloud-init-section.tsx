"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { seedFileNames, type SeedFiles } from "@/lib/new-guest/cloud-init";
import { seedPreviewSchema } from "@/lib/validations/cloud-init";
import { emptyCloudUser, seedRequest, type CloudInitDraft, type CloudUserDraft } from "./cloud-init-draft";
import { RawUserData } from "./cloud-init-raw";

/** Examples in the fields, the same in every language. */
const EXAMPLE = { packages: "qemu-guest-agent nginx", address: "192.168.122.50/24", gateway: "192.168.122.1" };
export const textareaClass =
  "w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900";

/** The first message of any field under `prefix` (a list's items report as prefix.0, prefix.1…). */
const firstUnder = (fields: Record<string, string>, prefix: string) => {
  const key = Object.keys(fields).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  if (!key) return undefined;
  const item = key.slice(prefix.length + 1).split(".")[0];
  return item && /^\d+$/.test(item) ? `Line ${Number(item) + 1}: ${fields[key]}` : fields[key];
};

export type CloudInitSectionProps = {
  value: CloudInitDraft;
  onChange: (value: CloudInitDraft) => void;
  /** Where the seed would go, and the new guest's name so far (for "Preview seed"). */
  hostId: string;
  guestName: string;
  /** Field messages by request path; `prefix` is the seed's place in the request ("install.cloudInit" in the wizard). */
  fields: Record<string, string>;
  prefix: string;
};

/**
 * The "Cloud-init" section of the wizard's import method (cloud images are imported disks) and of "New guest from
 * template": host name, users with SSH keys and passwords, packages, commands and network, or user-data typed as YAML;
 * "Preview seed" shows the three files the guest gets on its seed CD-ROM. Its buttons are type="button": in the
 * template dialog the section sits inside a form.
 */
export function CloudInitSection({ value: c, onChange, hostId, guestName, fields, prefix: P }: CloudInitSectionProps) {
  const t = useTranslations("newGuest.cloudInit");
  const issueText = useIssueText();
  const change = (patch: Partial<CloudInitDraft>) => onChange({ ...c, ...patch });
  const setUser = (i: number, patch: Partial<CloudUserDraft>) =>
    change({ users: c.users.map((u, j) => (j === i ? { ...u, ...patch } : u)) });
  const preview = useMutation({
    mutationFn: (body: unknown) => api<SeedFiles>(`/api/hosts/${encodeURIComponent(hostId)}/new-guest/cloud-init`, { body }),
  });
  const request = seedPreviewSchema.safeParse({ guestName, config: seedRequest(c) });
  const previewProblem = request.success ? null : request.error.issues[0];
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{t("legend")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={c.enabled} onChange={(e) => change({ enabled: e.target.checked })} /> {t("enable")}
      </label>
      {c.enabled ? (
        <>
          <Field label={t("hostname")} error={fields[`${P}.hostname`]}>
            <Input value={c.hostname} onChange={(e) => change({ hostname: e.target.value })} placeholder={t("hostnamePlaceholder")} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={c.mode === "raw"} onChange={(e) => change({ mode: e.target.checked ? "raw" : "form" })} />{" "}
            {t("raw")}
          </label>
          {c.mode === "raw" ? (
            <RawUserData value={c.userData} onChange={(userData) => change({ userData })} error={fields[`${P}.userData`]} />
          ) : (
            <>
              {c.users.map((u, i) => (
                <fieldset
                  key={i}
                  className="space-y-2 rounded-md bg-slate-50 p-2 dark:bg-slate-900"
                  aria-label={t("user", { number: i + 1 })}
                >
                  <div className="grid gap-2 sm:grid-cols-2">
                    <Field label={t("userName")} error={fields[`${P}.users.${i}.name`]}>
                      <Input value={u.name} onChange={(e) => setUser(i, { name: e.target.value })} autoComplete="off" />
                    </Field>
                    <Field label={t("password")} hint={t("passwordHint")} error={fields[`${P}.users.${i}.password`]}>
                      <Input
                        type="password"
                        value={u.password}
                        onChange={(e) => setUser(i, { password: e.target.value })}
                        autoComplete="new-password"
                      />
                    </Field>
                  </div>
                  <Field label={t("sshKeys")} hint={t("sshKeysHint")} error={firstUnder(fields, `${P}.users.${i}.sshKeys`)}>
                    <textarea
                      className={textareaClass}
                      rows={2}
                      value={u.sshKeys}
                      onChange={(e) => setUser(i, { sshKeys: e.target.value })}
                    />
                  </Field>
                  <div className="flex items-center justify-between">
                    <label className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={u.sudo} onChange={(e) => setUser(i, { sudo: e.target.checked })} /> {t("sudo")}
                    </label>
                    <Button type="button" variant="secondary" onClick={() => change({ users: c.users.filter((_, j) => j !== i) })}>
                      {t("removeUser")}
                    </Button>
                  </div>
                </fieldset>
              ))}
              <Button type="button" variant="secondary" onClick={() => change({ users: [...c.users, emptyCloudUser] })}>
                {t("addUser")}
              </Button>
              <Field label={t("packages")} hint={t("packagesHint")} error={firstUnder(fields, `${P}.packages`)}>
                <Input value={c.packages} onChange={(e) => change({ packages: e.target.value })} placeholder={EXAMPLE.packages} />
              </Field>
              <Field label={t("commands")} hint={t("commandsHint")} error={firstUnder(fields, `${P}.commands`)}>
                <textarea className={textareaClass} rows={2} value={c.commands} onChange={(e) => change({ commands: e.target.value })} />
              </Field>
            </>
          )}
          <NetworkFields c={c} change={change} fields={fields} prefix={P} />
          <div className="space-y-2">
            <Button
              type="button"
              variant="secondary"
              disabled={!request.success || preview.isPending}
              onClick={() => preview.mutate(request.data)}
            >
              {t("preview")}
            </Button>
            {previewProblem && c.hostname ? (
              <p className="text-xs text-slate-500">{t("fixFirst", { problem: issueText(previewProblem) })}</p>
            ) : null}
            {preview.isError ? <p role="alert">{preview.error.message}</p> : null}
            {preview.data ? (
              <div data-testid="seed-preview" className="space-y-2">
                {seedFileNames.map((name) => (
                  <div key={name}>
                    <h4 className="font-mono text-xs font-semibold">{name}</h4>
                    <pre className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs dark:bg-slate-900">
                      {preview.data[name]}
                    </pre>
                  </div>
                ))}
              </div>
            ) : null}
          </div>
        </>
      ) : null}
    </fieldset>
  );
}

function NetworkFields({
  c,
  change,
  fields,
  prefix: P,
}: {
  c: CloudInitDraft;
  change: (patch: Partial<CloudInitDraft>) => void;
  fields: Record<string, string>;
  prefix: string;
}) {
  const t = useTranslations("newGuest.cloudInit");
  return (
    <div className="space-y-2">
      <Field label={t("guestNetwork")}>
        <Select value={c.networkMode} onChange={(e) => change({ networkMode: e.target.value as CloudInitDraft["networkMode"] })}>
          <option value="dhcp">{t("dhcp")}</option>
          <option value="static">{t("static")}</option>
        </Select>
      </Field>
      {c.networkMode === "static" ? (
        <div className="grid gap-2 sm:grid-cols-3">
          <Field label={t("address")} hint={t("addressHint")} error={fields[`${P}.network.address`]}>
            <Input value={c.address} onChange={(e) => change({ address: e.target.value })} placeholder={EXAMPLE.address} />
          </Field>
          <Field label={t("gateway")} error={fields[`${P}.network.gateway`]}>
            <Input value={c.gateway} onChange={(e) => change({ gateway: e.target.value })} placeholder={EXAMPLE.gateway} />
          </Field>
          <Field label={t("dns")} hint={t("dnsHint")} error={firstUnder(fields, `${P}.network.dns`)}>
            <Input value={c.dns} onChange={(e) => change({ dns: e.target.value })} placeholder={EXAMPLE.gateway} />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
