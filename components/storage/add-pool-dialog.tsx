"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { creatablePoolTypes, poolTypeLabels, type CreatablePoolType } from "@/lib/storage/types";
import { createPoolRequestSchema } from "@/lib/validations/storage";
import { poolsPath } from "./storage-api";

type Values = Record<string, string>;

/** The fields each pool type asks for, with virt-manager's labels; nothing else is shown. */
const fieldsByType: Record<
  CreatablePoolType,
  { key: string; label: string; placeholder?: string; hint?: string; options?: string[]; optional?: boolean }[]
> = {
  dir: [{ key: "targetPath", label: "Target Path", placeholder: "/var/lib/libvirt/images/pool", hint: "Created if it does not exist" }],
  fs: [
    { key: "sourceDevice", label: "Source Path", placeholder: "/dev/sdb1", hint: "A block device that already has a file system" },
    { key: "sourceFormat", label: "Format", options: ["auto", "ext4", "ext3", "xfs", "btrfs", "vfat"] },
    { key: "targetPath", label: "Target Path", placeholder: "/mnt/pool", hint: "Where libvirt mounts it" },
  ],
  netfs: [
    { key: "sourceHost", label: "Host Name", placeholder: "nfs.example.org" },
    { key: "sourceDir", label: "Source Path", placeholder: "/export/images" },
    { key: "sourceFormat", label: "Format", options: ["nfs", "auto", "glusterfs", "cifs"] },
    { key: "targetPath", label: "Target Path", placeholder: "/mnt/nfs-pool" },
  ],
  logical: [
    { key: "sourceName", label: "Volume Group Name", placeholder: "vg_guests" },
    {
      key: "sourceDevices",
      label: "Source Devices",
      placeholder: "/dev/sdc /dev/sdd",
      hint: "Only for a new volume group, separated by spaces",
    },
  ],
  disk: [
    { key: "sourceDevice", label: "Source Path", placeholder: "/dev/sdb" },
    { key: "sourceFormat", label: "Format", options: ["gpt", "dos", "auto"] },
  ],
  iscsi: [
    { key: "sourceHost", label: "Host Name", placeholder: "san.example.org" },
    { key: "sourceDevice", label: "Source IQN", placeholder: "iqn.2024-01.org.example:storage" },
    { key: "initiatorIqn", label: "Initiator IQN", placeholder: "iqn.2024-01.org.example:console", hint: "Optional", optional: true },
  ],
  scsi: [{ key: "adapterName", label: "Source Adapter", placeholder: "host0" }],
};

const buildLabels: Partial<Record<CreatablePoolType, string>> = {
  logical: "Build a new volume group on these devices (erases them)",
  disk: "Write a new partition table (erases the disk)",
};

function toInput(type: CreatablePoolType, name: string, values: Values, autostart: boolean, buildNew: boolean) {
  const input: Record<string, unknown> = { type, name, autostart };
  for (const f of fieldsByType[type]) {
    const value = values[f.key]?.trim() ?? "";
    if (f.key === "sourceDevices") input[f.key] = value ? value.split(/\s+/) : [];
    else if (f.options) input[f.key] = value || f.options[0];
    else input[f.key] = value || (f.optional ? undefined : "");
  }
  if (type in buildLabels) input.buildNew = buildNew;
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
      title={`Add a storage pool on ${hostName}`}
      wide
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={create.isPending} onClick={submit}>
            {create.isPending ? "Creating…" : "Finish"}
          </Button>
        </>
      }
    >
      <Field label="Name" error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="pool" autoFocus />
      </Field>
      <Field label="Type">
        <Select value={type} onChange={(e) => setType(e.target.value as CreatablePoolType)}>
          {creatablePoolTypes.map((t) => (
            <option key={t} value={t}>
              {poolTypeLabels[t]}
            </option>
          ))}
        </Select>
      </Field>
      {fieldsByType[type].map((f) => (
        <Field key={`${type}-${f.key}`} label={f.label} error={errors.fields[f.key] ?? errors.fields[`${f.key}.0`]} hint={f.hint}>
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
      {buildLabels[type] ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={buildNew} onChange={(e) => setBuildNew(e.target.checked)} /> {buildLabels[type]}
        </label>
      ) : null}
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} /> Start the pool when the host boots
      </label>
      {problem ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
