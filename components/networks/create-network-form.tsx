"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { HostSummary } from "@/lib/guests/types";
import type { HostInterfacesResponse, NetworkListResponse, NetworkRow } from "@/lib/networks/types";
import { can, type Grant } from "@/lib/roles";
import { createNetworkSchema, networkModes, overlapIssue, type NetworkMode } from "@/lib/validations/networks";
import { buildNetwork } from "@/lib/xml/builder/network-builder";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { useToast } from "@/components/ui/toast";
import { networkPage, networkPath } from "./format";
import { interfacesPath } from "./host-interfaces";
import { Check, IpSectionFields } from "./ip-section-fields";
import { hostSubnets, initialValues, toInput, type WizardValues } from "./wizard-model";

const DNS_CHOICES = ["none", "name", "custom"] as const;
const EXAMPLE_DOMAIN = "lab.example";

/** Chooses the host, loads what the wizard needs from it, then shows the wizard (fresh for each host). */
export function CreateNetwork({ grants, initialHostId }: { grants: Grant[]; initialHostId: string | null }) {
  const t = useTranslations("networks.wizard");
  const tAll = useTranslations("networks");
  const hosts = useQuery({ queryKey: queryKeys.hosts(), queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  const choices = (hosts.data?.hosts ?? []).filter((h) => can(grants, "network.manage", { kind: "host", hostId: h.id }));
  const [picked, setPicked] = useState(initialHostId ?? "");
  const hostId = choices.some((h) => h.id === picked) ? picked : (choices[0]?.id ?? "");
  const networks = useQuery({
    queryKey: queryKeys.networks(hostId),
    queryFn: () => api<NetworkListResponse>(networkPath(hostId)),
    enabled: hostId !== "",
  });
  const interfaces = useQuery({
    queryKey: queryKeys.hostInterfaces(hostId),
    queryFn: () => api<HostInterfacesResponse>(interfacesPath(hostId)),
    enabled: hostId !== "",
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {hosts.isPending ? <p className="text-sm text-slate-500">{tAll("loadingHosts")}</p> : null}
      {hosts.data && choices.length === 0 ? <EmptyState title={t("noHost")} /> : null}
      {choices.length > 0 ? (
        <div className="mb-4 max-w-sm">
          <Field label={t("host")}>
            <Select value={hostId} onChange={(e) => setPicked(e.target.value)}>
              {choices.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      {networks.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {networks.error.message}
        </p>
      ) : null}
      {networks.data ? (
        <NetworkWizard key={hostId} hostId={hostId} existing={networks.data.networks} interfaces={interfaces.data?.interfaces ?? []} />
      ) : null}
    </>
  );
}

function NetworkWizard({
  hostId,
  existing,
  interfaces,
}: {
  hostId: string;
  existing: NetworkRow[];
  interfaces: HostInterfacesResponse["interfaces"];
}) {
  const t = useTranslations("networks.wizard");
  const issueText = useIssueText();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [v, setValues] = useState<WizardValues>(() => initialValues(existing));
  const set = (patch: Partial<WizardValues>) => setValues((old) => ({ ...old, ...patch }));
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ name: string; active: boolean }>(networkPath(hostId), { body }),
    onSuccess: ({ name, active }) => {
      toast.success(active ? t("createdStarted", { name }) : t("created", { name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.networks(hostId) });
      router.push(networkPage(hostId, name));
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });

  const input = toInput(v);
  const parsed = createNetworkSchema.safeParse(input);
  const overlap = parsed.success ? overlapIssue(parsed.data, hostSubnets(existing)) : null;
  const forwardDevices = interfaces.filter((i) => i.kind !== "virtual" && !i.network);
  const bridges = interfaces.filter((i) => i.kind === "bridge" && !i.network);
  const addressed = v.mode !== "bridge";

  return (
    <form
      noValidate
      aria-label={t("form")}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (errors.validate(createNetworkSchema, input)) create.mutate(input);
      }}
    >
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t("nameAndMode")}</legend>
        <Field label={t("name")} error={errors.fields.name} hint={t("nameHint")}>
          <Input value={v.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" autoFocus />
        </Field>
        <Field label={t("mode")} error={errors.fields.mode} hint={t(`modeHint.${v.mode}`)}>
          <Select value={v.mode} onChange={(e) => set({ mode: e.target.value as NetworkMode })}>
            {networkModes.map((m) => (
              <option key={m} value={m}>
                {t(`modeChoice.${m}`)}
              </option>
            ))}
          </Select>
        </Field>
        {v.mode === "nat" || v.mode === "route" ? (
          <Field label={t("forwardTo")} error={errors.fields.forwardDev}>
            <Select value={v.forwardDev} onChange={(e) => set({ forwardDev: e.target.value })}>
              <option value="">{t("anyDevice")}</option>
              {forwardDevices.map((i) => (
                <option key={i.name} value={i.name}>
                  {t("physicalDevice", { name: i.name })}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {v.mode === "bridge" ? (
          <Field label={t("hostBridge")} error={errors.fields.bridgeName} hint={bridges.length ? t("bridgeHint") : t("noBridgeHint")}>
            <Select value={v.bridgeName} onChange={(e) => set({ bridgeName: e.target.value })}>
              <option value="">{t("chooseBridge")}</option>
              {bridges.map((b) => (
                <option key={b.name} value={b.name}>
                  {b.ports.length ? t("bridgePorts", { name: b.name, ports: b.ports.join(", ") }) : b.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </fieldset>

      {addressed ? (
        <>
          <IpSectionFields
            family="ipv4"
            value={v.ipv4}
            onChange={(ipv4) => set({ ipv4 })}
            errors={errors.fields}
            overlap={overlap?.path === "ipv4.network" ? issueText(overlap) : null}
            newHost={() => ({ mac: "", name: "", ip: "" })}
          />
          <IpSectionFields
            family="ipv6"
            value={v.ipv6}
            onChange={(ipv6) => set({ ipv6 })}
            errors={errors.fields}
            overlap={overlap?.path === "ipv6.network" ? issueText(overlap) : null}
            newHost={() => ({ name: "", ip: "" })}
          />
          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <legend className="px-1 text-sm font-semibold">{t("dnsDomainName")}</legend>
            <div role="radiogroup" aria-label={t("dnsDomainName")} className="flex flex-wrap gap-4 text-sm">
              {DNS_CHOICES.map((choice) => (
                <label key={choice} className="inline-flex items-center gap-2">
                  <input type="radio" name="dns" checked={v.dns === choice} onChange={() => set({ dns: choice })} />
                  {{ none: t("dnsNone"), name: t("dnsName"), custom: t("dnsCustom") }[choice]}
                </label>
              ))}
            </div>
            {v.dns === "custom" ? (
              <Field label={t("dnsDomain")} error={errors.fields.domain}>
                <Input value={v.domain} onChange={(e) => set({ domain: e.target.value })} placeholder={EXAMPLE_DOMAIN} />
              </Field>
            ) : v.dns === "name" && errors.fields.domain ? (
              <p className="text-sm text-red-600">{errors.fields.domain}</p>
            ) : null}
          </fieldset>
        </>
      ) : null}

      <fieldset className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t("finish")}</legend>
        <Check label={t("startNow")} checked={v.start} onChange={(start) => set({ start })} />
        <Check label={t("autostart")} checked={v.autostart} onChange={(autostart) => set({ autostart })} />
        {parsed.success ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{t("xmlPreview")}</summary>
            <pre
              data-testid="network-xml-preview"
              className="mt-2 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800"
            >
              {buildNetwork(parsed.data).toXml()}
            </pre>
          </details>
        ) : null}
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("creating") : t("create")}
        </Button>
        <Link
          href="/networks"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
