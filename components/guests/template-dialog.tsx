"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { emptyCloudInit, seedRequest, type CloudInitDraft } from "@/components/new-guest/cloud-init-draft";
import { CloudInitSection } from "@/components/new-guest/cloud-init-section";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { api, ApiRequestError } from "@/lib/client/api";
import { useIssueText } from "@/lib/client/use-issue-text";
import type { GuestRow } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { fromTemplateSchema, type FromTemplateInput } from "@/lib/validations/templates";
import { CloneOutcome } from "./clone-dialog";
import { guestPath, useRefreshGuest } from "./use-guest-actions";

/** The ways to make the disks; each is named by guestDialogs.template.mode.<mode> and its hint. */
const modes: FromTemplateInput["mode"][] = ["linked", "copy"];
/** The seed's place in the request: the server's messages for its fields come back under it. */
const SEED_FIELDS = "cloudInit";

/** What the dialog reads of the template: from its guest row, or from the self-service portal's list. */
type TemplateFacts = Pick<GuestRow, "hostId" | "uuid" | "name" | "vcpus" | "memoryKiB">;

/**
 * "New guest from template": a name, linked clone or full copy, the sizes, whether to start it, and optionally the
 * wizard's cloud-init section (a seed with its own host name, users and network, and a new instance id).
 */
export function FromTemplateDialog({ guest, onClose }: { guest: TemplateFacts; onClose: () => void }) {
  const t = useTranslations("guestDialogs.template");
  const tDialogs = useTranslations("guestDialogs");
  const tUi = useTranslations("ui");
  const refresh = useRefreshGuest();
  const [name, setName] = useState("");
  const [mode, setMode] = useState<FromTemplateInput["mode"]>("linked");
  const [vcpus, setVcpus] = useState(String(guest.vcpus));
  const [memoryMiB, setMemoryMiB] = useState(String(Math.round(guest.memoryKiB / 1024)));
  const [start, setStart] = useState(true);
  const [cloudInit, setCloudInit] = useState<CloudInitDraft>(emptyCloudInit);
  const issueText = useIssueText();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [job, setJob] = useState<JobView | null>(null);
  const create = useMutation({
    mutationFn: (body: FromTemplateInput) => api<JobView>(`${guestPath(guest)}/template/new-guest`, { method: "POST", body }),
    onSuccess: setJob,
    onError: (e) => setErrors(e instanceof ApiRequestError ? { ...e.fields, _: e.message } : { _: e.message }),
  });
  const submit = () => {
    const body = { name: name.trim(), mode, vcpus: Number(vcpus), memoryMiB: Number(memoryMiB), start, cloudInit: seedRequest(cloudInit) };
    // The same schema as the route's: messages at the fields before anything is sent.
    const parsed = fromTemplateSchema.safeParse(body);
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "_", issueText(i)])));
    setErrors({});
    create.mutate(parsed.data);
  };

  return (
    <Dialog open onClose={onClose} title={t("title", { name: guest.name })} wide={cloudInit.enabled}>
      {job ? (
        <div className="space-y-4">
          <JobProgress job={job} onFinished={() => refresh()} />
          <CloneOutcome job={job} hostId={guest.hostId} onClose={onClose} />
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label={t("name")} error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("disks")}</legend>
            {modes.map((m) => (
              <label key={m} className="flex gap-2 text-sm">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <span>
                  <span className="font-medium">{t(`mode.${m}`)}</span>
                  <span className="block text-xs text-slate-500">{t(`modeHint.${m}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("vcpus")} error={errors.vcpus}>
              <Input type="number" min={1} value={vcpus} onChange={(e) => setVcpus(e.target.value)} />
            </Field>
            <Field label={t("memory")} error={errors.memoryMiB}>
              <Input type="number" min={64} value={memoryMiB} onChange={(e) => setMemoryMiB(e.target.value)} />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
            {t("start")}
          </label>
          <p className="text-xs text-slate-500">{t("newIdentity")}</p>
          <CloudInitSection
            value={cloudInit}
            onChange={setCloudInit}
            hostId={guest.hostId}
            guestName={name.trim()}
            fields={errors}
            prefix={SEED_FIELDS}
          />
          {cloudInit.enabled ? <p className="text-xs text-slate-500">{t("cloudInitIdentity")}</p> : null}
          {errors._ ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {errors._}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" type="button" onClick={onClose}>
              {tUi("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending || name.trim() === ""}>
              {create.isPending ? tDialogs("starting") : t("create")}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
