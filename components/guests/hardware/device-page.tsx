"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { DeviceForm, DeviceValues, DeviceView, HardwareChoices } from "@/lib/guests/hardware/types";
import { deviceFamilyInputs } from "@/lib/validations/hardware";
import { resizeDiskSchema } from "@/lib/validations/hardware/sections";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { DeviceFormFields, formValues, useFieldText } from "./device-form";
import { Facts, LabeledField, PendingBadge, SectionPage, Warning, controlClass } from "./form-controls";
import { devicePath, type SectionProps } from "./hardware-api";

const pendingText = (
  d: DeviceView,
  t: ReturnType<typeof useTranslations<"hardware.device">>,
  fieldName: (name: string) => string,
): string | null => {
  switch (d.pending) {
    case "add":
      return t("pendingAdd");
    case "remove":
      return t("pendingRemove");
    case "change":
      return t("pendingChange", { fields: d.pendingFields.map(fieldName).join(", ") || t("someSettings") });
    default:
      return null;
  }
};

type DeviceProps = SectionProps & {
  device: DeviceView;
  choices: HardwareChoices;
  onRemoved: () => void;
  /** Whether the removal is being confirmed: kept by the tab, since the page remounts whenever the definition changes. */
  confirmingRemove: boolean;
  setConfirmingRemove: (open: boolean) => void;
};

export function DevicePage(props: DeviceProps) {
  const { device, canManage, change, confirmingRemove: confirming, setConfirmingRemove: setConfirming } = props;
  const t = useTranslations("hardware.device");
  const input = deviceFamilyInputs[device.family];
  // A device only the running guest has is not in the saved definition, so there is nothing to edit.
  const liveOnly = device.key.startsWith("live:");
  const words = useFieldText();
  // The changed fields by their labels where the form has them.
  const fieldName = (name: string) => {
    const field = input?.form.fields.find((f) => f.name === name);
    return field ? words.label(field) : name;
  };
  const note = pendingText(device, t, fieldName);
  const remove =
    canManage && device.removable ? (
      <Button type="button" variant="danger" className="ml-auto" disabled={change.busy} onClick={() => setConfirming(true)}>
        {t("remove")}
      </Button>
    ) : null;
  // The confirmation sits outside the page's form: its buttons would otherwise submit it.
  const dialog = remove ? <RemoveDialog {...props} open={confirming} onClose={() => setConfirming(false)} /> : null;
  if (!input || liveOnly) {
    return (
      <section aria-label={device.title} className="space-y-4">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          {device.title}
          {device.pending ? <PendingBadge /> : null}
        </h2>
        {note ? <Warning>{note}</Warning> : null}
        <p className="text-sm">{device.summary}</p>
        {!input ? <p className="text-sm text-slate-500">{t("notEditable")}</p> : null}
        {remove ? <div className="flex border-t border-slate-200 pt-4 dark:border-slate-800">{remove}</div> : null}
        {dialog}
      </section>
    );
  }
  return (
    <>
      <EditableDevice {...props} form={input.form} schema={input.schema} note={note} remove={remove} />
      {dialog}
    </>
  );
}

function EditableDevice({
  g,
  hw,
  canManage,
  change,
  device,
  choices,
  form,
  schema,
  note,
  remove,
}: DeviceProps & {
  form: DeviceForm;
  schema: z.ZodType<DeviceValues>;
  note: string | null;
  remove: React.ReactNode;
}) {
  const t = useTranslations("hardware.device");
  const [values, setValues] = useState<DeviceValues>(device.values);
  const errors = useFormErrors({ under: "values" });
  const dirty = JSON.stringify(formValues(form, values)) !== JSON.stringify(formValues(form, device.values));
  const apply = () => {
    const sent = formValues(form, values);
    if (!errors.validate(schema, sent)) return;
    void change.submit(
      {
        path: devicePath(g, device.key),
        method: "PATCH",
        body: { etag: hw.etag, family: device.family, values: sent },
        done: t("saved", { device: device.title }),
      },
      errors.fromError,
    );
  };
  const revert = () => {
    setValues(device.values);
    errors.clear();
  };
  return (
    <div className="space-y-6">
      <SectionPage
        title={device.title}
        pending={device.pending !== null}
        canManage={canManage}
        dirty={dirty}
        busy={change.busy}
        onApply={apply}
        onRevert={revert}
        extraActions={remove}
      >
        {note ? <Warning>{note}</Warning> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">{device.summary}</p>
        <DeviceFormFields
          form={form}
          values={values}
          onChange={setValues}
          errors={errors.fields}
          mode="edit"
          choices={choices}
          running={hw.running}
          disabled={!canManage}
        />
      </SectionPage>
      {canManage && device.family === "disk" && device.values.device === "disk" ? (
        <ResizeDisk g={g} hw={hw} change={change} device={device} />
      ) : null}
    </div>
  );
}

function RemoveDialog({ g, hw, change, device, onRemoved, open, onClose }: DeviceProps & { open: boolean; onClose: () => void }) {
  const t = useTranslations("hardware.device");
  const remove = async () => {
    const ok = await change.submit({
      path: devicePath(g, device.key),
      method: "DELETE",
      body: { etag: hw.etag },
      done: t("removed", { device: device.title }),
    });
    onClose();
    if (ok) onRemoved();
  };
  return (
    <ConfirmDialog
      open={open}
      title={t("removeTitle", { device: device.title })}
      confirmLabel={t("removeConfirm")}
      danger
      busy={change.busy}
      onConfirm={() => void remove()}
      onCancel={onClose}
    >
      <p>{hw.running ? t("removeRunning") : t("removeStopped")}</p>
      <Facts label={t("facts")} items={[[device.title, device.summary]]} />
    </ConfirmDialog>
  );
}

function ResizeDisk({ g, hw, change, device }: Pick<DeviceProps, "g" | "hw" | "change" | "device">) {
  const t = useTranslations("hardware.device");
  const [size, setSize] = useState("");
  const errors = useFormErrors();
  return (
    <form
      noValidate
      aria-label={t("resizeForm")}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        const body = errors.validate(resizeDiskSchema, { etag: hw.etag, sizeGiB: size });
        if (!body) return;
        void change
          .submit(
            { path: devicePath(g, device.key, "/resize"), method: "POST", body, done: t("resized", { device: device.title }) },
            errors.fromError,
          )
          .then((ok) => {
            if (ok) setSize("");
          });
      }}
    >
      <h3 className="text-sm font-semibold">{t("resize")}</h3>
      <LabeledField label={t("newSize")} unit="GiB" error={errors.fields.sizeGiB} hint={t("newSizeHint")}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            step="any"
            inputMode="decimal"
            className={`${controlClass} max-w-40`}
            value={size}
            onChange={(e) => setSize(e.target.value)}
          />
        )}
      </LabeledField>
      <Button type="submit" variant="secondary" disabled={change.busy || size.trim() === ""}>
        {t("resize")}
      </Button>
    </form>
  );
}
