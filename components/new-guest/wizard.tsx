"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api, ApiRequestError } from "@/lib/client/api";
import type { HostSummary } from "@/lib/guests/types";
import type { GuestPlan, NewGuestContext } from "@/lib/new-guest/types";
import { preferThisMachine } from "@/lib/hosts/this-machine";
import { can, type Grant } from "@/lib/roles";
import { guestNameSchema } from "@/lib/validations/guests";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { CustomizeView } from "./customize-view";
import { OvaProgress } from "./ova-source";
import { emptyDraft, toRequest, type Draft } from "./draft";
import { PlacementHint } from "./placement-hint";
import { NetworkStep } from "./step-network";
import { ResourcesStep, StorageStep } from "./steps-resources";
import { OsStep, SourceStep, type StepProps } from "./steps-source";
import { firmwareKind } from "@/lib/guests/firmware-label";

const steps = [
  { title: "source", Step: SourceStep, owns: ["install", "virtType", "arch", "machine"] },
  { title: "os", Step: OsStep, owns: ["os", "install.unattended"] },
  { title: "resources", Step: ResourcesStep, owns: ["memoryMiB", "maxMemoryMiB", "vcpus"] },
  { title: "storage", Step: StorageStep, owns: ["storage"] },
  { title: "network", Step: NetworkStep, owns: ["network", "mac", "nicModel"] },
  { title: "finish", Step: FinishStep, owns: ["name", "firmware"] },
] as const;

/** Which step a field error belongs to (the longest owner wins: install.unattended is the OS step's), so the wizard can go back to it. */
const stepOf = (field: string) => {
  let best = { step: 0, length: -1 };
  steps.forEach((s, step) => {
    for (const o of s.owns) if ((field === o || field.startsWith(`${o}.`)) && o.length > best.length) best = { step, length: o.length };
  });
  return best.step;
};

/**
 * virt-manager's "Create a new virtual machine": six steps, back and forth without losing anything.
 * The same zod schema checks the answers here and in the handler; Finish creates, starts and opens
 * the console, or says which step failed (nothing is left behind).
 */
export function NewGuestWizard({ grants }: { grants: Grant[] }) {
  const t = useTranslations("newGuest");
  const issueText = useIssueText();
  const router = useRouter();
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  const usable = (hosts.data?.hosts ?? []).filter((h) => can(grants, "guest.manage", { kind: "host", hostId: h.id }));
  const [draft, setDraft] = useState<Draft | null>(null);
  // This machine first (where ISOs are at hand), whatever the hosts' names.
  const startHost = preferThisMachine(usable);
  const current = draft ?? (startHost ? emptyDraft(startHost.id) : null);
  const [step, setStep] = useState(0);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [customizeChosen, setCustomize] = useState(false);
  /** The draft being customized before install, once Finish made one. */
  const [customizing, setCustomizing] = useState<string | null>(null);
  const context = useQuery({
    queryKey: ["new-guest", current?.hostId],
    queryFn: () => api<NewGuestContext>(`/api/hosts/${encodeURIComponent(current!.hostId)}/new-guest`),
    enabled: current !== null,
  });
  // An appliance always opens for customizing: its disks are made for the draft, and what it lost is shown there.
  const customize = customizeChosen || current?.method === "ova";
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...(d ?? current!), ...patch }));
  const openConsole = (uuid: string) => router.push(`/guests/${encodeURIComponent(current!.hostId)}/${uuid}/console`);
  const create = useMutation({
    // With "customize" ticked, Finish only makes the draft; "Begin installation" creates the guest.
    mutationFn: (body: unknown) =>
      api<{ uuid: string }>(`/api/hosts/${encodeURIComponent(current!.hostId)}/${customize ? "new-guest/drafts" : "guests"}`, { body }),
    onSuccess: ({ uuid }) => (customize ? setCustomizing(uuid) : openConsole(uuid)),
    onError: (err) => {
      if (err instanceof ApiRequestError) {
        setFields(err.fields);
        const first = Object.keys(err.fields)[0];
        if (first) setStep(stepOf(first));
      }
      setProblem(err.message);
    },
  });

  if (hosts.isPending) return <p className="text-sm text-slate-500">{t("loadingHosts")}</p>;
  if (!current) return <p role="alert">{t("noHosts")}</p>;
  if (customizing)
    return (
      <CustomizeView
        g={{ hostId: current.hostId, uuid: customizing }}
        name={current.name}
        unmapped={current.method === "ova" ? current.ova?.unmapped : undefined}
        onInstalled={openConsole}
        onCancelled={() => setCustomizing(null)}
      />
    );

  /** The shared schema's complaints about the answers so far, by field. */
  const complaints = (): { body: unknown; found: Record<string, string> } => {
    const parsed = newGuestSchema.safeParse(toRequest(current));
    return parsed.success
      ? { body: parsed.data, found: {} }
      : { body: null, found: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), issueText(i)])) };
  };
  /** Forward only when this step and those before it are in order; later steps' fields are not judged yet. */
  const forward = () => {
    setProblem(null);
    const soFar = Object.fromEntries(Object.entries(complaints().found).filter(([f]) => stepOf(f) <= step));
    setFields(soFar);
    const bad = Object.keys(soFar).map(stepOf);
    setStep(bad.length ? Math.min(...bad) : step + 1);
  };
  const finish = () => {
    setProblem(null);
    const { body, found } = complaints();
    setFields(found);
    if (body) create.mutate(body);
    else setStep(Math.min(...Object.keys(found).map(stepOf)));
  };
  const { Step } = steps[step];

  return (
    <div className="max-w-3xl space-y-5">
      <ol aria-label={t("steps.label")} className="flex flex-wrap gap-2 text-xs">
        {steps.map((s, i) => (
          <li
            key={s.title}
            aria-current={i === step ? "step" : undefined}
            className={`rounded-full px-2.5 py-1 ${i === step ? "bg-blue-600 text-white" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"}`}
          >
            {t("stepChip", { step: i + 1, title: t(`steps.${s.title}`) })}
          </li>
        ))}
      </ol>
      <h2 className="text-lg font-semibold">
        {t("stepHeading", { step: step + 1, count: steps.length, title: t(`steps.${steps[step].title}`) })}
      </h2>
      {step === 0 ? (
        <Field label={t("host")}>
          <Select value={current.hostId} onChange={(e) => setDraft(emptyDraft(e.target.value))}>
            {usable.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {step === 0 && context.data?.cluster ? (
        <PlacementHint
          hostId={current.hostId}
          clusterName={context.data.cluster.name}
          memoryMiB={Number(current.memoryMiB)}
          vcpus={Number(current.vcpus)}
          onUse={(hostId) => setDraft(emptyDraft(hostId))}
        />
      ) : null}
      {context.isPending ? <p className="text-sm text-slate-500">{t("readingHost")}</p> : null}
      {context.isError ? <p role="alert">{context.error.message}</p> : null}
      {context.data ? (
        <Step draft={current} set={set} context={context.data} fields={fields} refresh={() => void context.refetch()} />
      ) : null}
      {step === steps.length - 1 ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={customize} disabled={current.method === "ova"} onChange={(e) => setCustomize(e.target.checked)} />
          {t("customize")}
        </label>
      ) : null}
      {create.isPending && current.method === "ova" && current.ova ? (
        <OvaProgress hostId={current.hostId} upload={current.ova.upload} />
      ) : null}
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button variant="secondary" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
          {t("back")}
        </Button>
        {step < steps.length - 1 ? (
          <Button onClick={forward}>{t("forward")}</Button>
        ) : (
          <Button disabled={create.isPending} onClick={finish}>
            {create.isPending ? t("creating") : t("finish")}
          </Button>
        )}
      </div>
    </div>
  );
}

/** Step 6: the name (checked as it is typed), firmware, and what will be defined. */
function FinishStep({ draft, set, context, fields }: StepProps) {
  const t = useTranslations("newGuest");
  const issueText = useIssueText();
  const nameCheck = guestNameSchema.safeParse(draft.name);
  const nameError =
    draft.name === ""
      ? fields.name
      : !nameCheck.success
        ? issueText(nameCheck.error.issues[0])
        : context.guestNames.includes(nameCheck.data)
          ? t("nameTaken")
          : undefined;
  const request = newGuestSchema.safeParse(toRequest(draft));
  const plan = useQuery({
    queryKey: ["new-guest-plan", JSON.stringify(request.success ? request.data : null)],
    queryFn: () => api<GuestPlan>(`/api/hosts/${encodeURIComponent(draft.hostId)}/new-guest/plan`, { body: request.data }),
    enabled: request.success,
    retry: false,
  });
  return (
    <div className="space-y-4">
      <Field label={t("name")} error={nameError ?? fields.name}>
        <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} autoFocus />
      </Field>
      <Field label={t("firmware")} error={fields.firmware}>
        <Select value={draft.firmware} onChange={(e) => set({ firmware: e.target.value as Draft["firmware"] })}>
          <option value="auto">{t("chosenForOs")}</option>
          <option value="bios">BIOS</option>
          <option value="uefi">UEFI</option>
        </Select>
      </Field>
      {plan.data ? (
        <div className="space-y-2 text-sm" data-testid="plan-summary">
          <p>
            {t("summary", {
              os: draft.os === "generic" ? t("os.generic") : draft.osLabel,
              memory: draft.memoryMiB,
              vcpus: draft.vcpus,
              machine: plan.data.machine,
              firmware: t(`firmwareKind.${firmwareKind(plan.data.firmware, plan.data.secureBoot)}`),
            })}
            {plan.data.tpm ? t("summaryTpm") : ""}
          </p>
          <details>
            <summary className="cursor-pointer">{t("xmlToDefine")}</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs dark:bg-slate-900">
              {plan.data.xml}
            </pre>
          </details>
        </div>
      ) : null}
      {plan.isError ? <p role="alert">{plan.error.message}</p> : null}
    </div>
  );
}
