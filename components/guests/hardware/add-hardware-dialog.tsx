"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { DeviceFamily, DeviceValues, HardwareChoices } from "@/lib/guests/hardware/types";
import { deviceFamilyInputs, deviceForms } from "@/lib/validations/hardware";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ChangeNoticeView } from "./change-notice";
import { DeviceFormFields, formValues, useKindName } from "./device-form";
import { hardwarePath, type SectionProps } from "./hardware-api";

/** virt-manager's Add New Virtual Hardware: families on the left, the chosen family's form on the right. */
export function AddHardwareDialog({
  open,
  onClose,
  g,
  hw,
  change,
  choices,
}: Omit<SectionProps, "canManage"> & { open: boolean; onClose: () => void; choices: HardwareChoices }) {
  const t = useTranslations("hardware.addDialog");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      {/* Mounted only while open, so every opening starts from the families' defaults. */}
      {open ? <AddHardwareBody g={g} hw={hw} change={change} choices={choices} onClose={onClose} /> : null}
    </Dialog>
  );
}

function AddHardwareBody({
  g,
  hw,
  change,
  choices,
  onClose,
}: Omit<SectionProps, "canManage"> & { choices: HardwareChoices; onClose: () => void }) {
  const t = useTranslations("hardware.addDialog");
  const kindName = useKindName();
  const forms = deviceForms().filter((f) => f.addable);
  const [family, setFamily] = useState<DeviceFamily | null>(forms[0]?.family ?? null);
  const [values, setValues] = useState<DeviceValues>(() => ({ ...forms[0]?.defaults }));
  const errors = useFormErrors({ under: "values" });
  const input = family ? deviceFamilyInputs[family] : undefined;

  const pick = (next: DeviceFamily) => {
    setFamily(next);
    setValues({ ...deviceFamilyInputs[next]?.form.defaults });
    errors.clear();
    change.dismiss();
  };
  const finish = async () => {
    if (!family || !input) return;
    const sent = formValues(input.form, values);
    if (!errors.validate(input.schema, sent)) return;
    const ok = await change.submit(
      {
        path: hardwarePath(g, "/devices"),
        method: "POST",
        body: { etag: hw.etag, family, values: sent },
        done: t("added", { device: kindName(family) }),
      },
      errors.fromError,
    );
    if (ok) onClose();
  };

  if (forms.length === 0) return <p>{t("none")}</p>;
  return (
    <form
      noValidate
      aria-label={t("form")}
      onSubmit={(e) => {
        e.preventDefault();
        void finish();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-[11rem_1fr]">
        <nav aria-label={t("kinds")}>
          <ul className="max-h-[60vh] space-y-0.5 overflow-auto">
            {forms.map((f) => (
              <li key={f.family}>
                <button
                  type="button"
                  aria-current={f.family === family ? "true" : undefined}
                  onClick={() => pick(f.family)}
                  className={`w-full rounded-md px-2 py-1.5 text-left ${f.family === family ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
                >
                  {kindName(f.family)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="max-h-[60vh] min-w-0 space-y-3 overflow-auto pr-1">
          {/* Above the form: libvirt's refusal must not hide below a long one. */}
          <ChangeNoticeView change={change} onRetried={onClose} />
          {input ? (
            <>
              <h3 className="font-semibold">{kindName(input.form.family)}</h3>
              <DeviceFormFields
                form={input.form}
                values={values}
                onChange={setValues}
                errors={errors.fields}
                mode="add"
                choices={choices}
                running={hw.running}
              />
            </>
          ) : null}
          {hw.running ? <p className="text-xs text-slate-500">{t("running")}</p> : null}
        </div>
      </div>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onClose}>
          {t("cancel")}
        </Button>
        <Button type="submit" disabled={!input || change.busy}>
          {change.busy ? t("adding") : t("finish")}
        </Button>
      </div>
    </form>
  );
}
