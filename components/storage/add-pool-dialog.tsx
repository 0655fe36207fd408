"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { creatablePoolTypes, type CreatablePoolType } from "@/lib/storage/types";
import { createPoolRequestSchema } from "@/lib/validations/storage";
import { poolsPath } from "./storage-api";

type Values = Record<string, string>;

/** A name, not a word: the same in every language. */
const EXAMPLE_POOL_NAME = "pool";

type StorageMessages = (typeof import("@/messages/en.json"))["storage"];

/** The fields each pool type asks for, with virt-manager's labels (in the messages); nothing else is shown. */
const fieldsByType: Record<
  CreatablePoolType,
  {
    key: string;
    label: keyof StorageMessages["field"];
    placeholder?: string;
    hint?: keyof StorageMessages["hint"];
    options?: string[];
    optional?: boolean;
  }[]
> = {
  dir: [{ key: "targetPath", label: "targetPath", placeholder: "/var/lib/libvirt/images/pool", hint: "createdIfMissing" }],
  fs: [
    { key: "sourceDevice", label: "sourcePath", placeholder: "/dev/sdb1", hint: "blockWithFs" },
    { key: "sourceFormat", label: "format", options: ["auto", "ext4", "ext3", "xfs", "btrfs", "vfat"] },
    { key: "targetPath", label: "targetPath", placeholder: "/mnt/pool", hint: "mountPoint" },
  ],
  netfs: [
    { key: "sourceHost", label: "hostName", placeholder: "nfs.example.org" },
    { key: "sourceDir", label: "sourcePath", placeholder: "/export/images" },
    { key: "sourceFormat", label: "format", options: ["nfs", "auto", "glusterfs", "cifs"] },
    { key: "targetPath", label: "targetPath", placeholder: "/mnt/nfs-pool" },
  ],
  logical: [
    { key: "sourceName", label: "vgName", placeholder: "vg_guests" },
    { key: "sourceDevices", label: "sourceDevices", placeholder: "/dev/sdc /dev/sdd", hint: "newVgOnly" },
  ],
  disk: [
    { key: "sourceDevice", label: "sourcePath", placeholder: "/dev/sdb" },
    { key: "sourceFormat", label: "format", options: ["gpt", "dos", "auto"] },
  ],
  iscsi: [
    { key: "sourceHost", label: "hostName", placeholder: "san.example.org" },
    { key: "sourceDevice", label: "sourceIqn", placeholder: "iqn.2024-01.org.example:storage" },
    { key: "initiatorIqn", label: "initiatorIqn", placeholder: "iqn.2024-01.org.example:console", hint: "optional", optional: true },
  ],
  scsi: [{ key: "adapterName", label: "sourceAdapter", placeholder: "host0" }],
};

/** Pool types that can be built (erasing what is there) on creation; the words are in the messages. */
const buildable = (type: CreatablePoolType): type is keyof StorageMessages["build"] => type === "logical" || type === "disk";

function toInput(type: CreatablePoolType, name: string, values: Values, autostart: boolean, buildNew: boolean) {
  const input: Record<string, unknown> = { type, name, autostart };
  for (const f of fieldsByType[type]) {
    const value = values[f.key]?.trim() ?? "";
    if (f.key === "sourceDevices") input[f.key] = value ? value.split(/\s+/) : [];
    else if (f.options) input[f.key] = value || f.options[0];
    else input[f.key] = value || (f.optional ? undefined : "");
  }
  if (buildable(type)) input.buildNew = buildNew;
  return input;
}

/** virt-manager's "Add a New Storage Pool", one form per pool type, checked with the handler's schema. */
export function AddPoolDialog({
  hostId,
  hostName,
  open,
  onClose,
}: {
  hostId: string;
  hostName: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("storage");
  const tUi = useTranslations("ui");
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [type, setType] = useState<CreatablePoolType>("dir");
  const [name, setName] = useState("");
  const [values, setValues] = useState<Values>({});
  const [autostart, setAutostart] = useState(true);
  const [buildNew, setBuildNew] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => api(poolsPath(hostId), { body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.pools(hostId) });
      setName("");
      setValues({});
      onClose();
    },
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const submit = () => {
    setProblem(null);
    const body = errors.validate(createPoolRequestSchema, toInput(type, name, values, autostart, buildNew));
    if (body) create.mutate(body);
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("addPoolOn", { host: hostName })}
      wide
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tUi("cancel")}
          </Button>
          <Button disabled={create.isPending} onClick={submit}>
            {create.isPending ? t("creating") : t("finish")}
          </Button>
        </>
      }
    >
      <Field label={t("name")} error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={EXAMPLE_POOL_NAME} autoFocus />
      </Field>
      <Field label={t("type")}>
        <Select value={type} onChange={(e) => setType(e.target.value as CreatablePoolType)}>
          {creatablePoolTypes.map((option) => (
            <option key={option} value={option}>
              {t(`poolType.${option}`)}
            </option>
          ))}
        </Select>
      </Field>
      {fieldsByType[type].map((f) => (
        <Field
          key={`${type}-${f.key}`}
          label={t(`field.${f.label}`)}
          error={errors.fields[f.key] ?? errors.fields[`${f.key}.0`]}
          hint={f.hint && t(`hint.${f.hint}`)}
        >
          {f.options ? (
            <Select value={values[f.key] ?? f.options[0]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          ) : (
            <Input
              value={values[f.key] ?? ""}
              placeholder={f.placeholder}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          )}
        </Field>
      ))}
      {buildable(type) ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={buildNew} onChange={(e) => setBuildNew(e.target.checked)} /> {t(`build.${type}`)}
        </label>
      ) : null}
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} /> {t("startOnBoot")}
      </label>
      {problem ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
