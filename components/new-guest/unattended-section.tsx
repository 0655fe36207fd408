"use client";

import { useTranslations } from "next-intl";
import { Field, Input, Select } from "@/components/ui/field";
import type { ScriptChoice } from "@/lib/osinfo/unattended";
import { unattendedProfiles } from "@/lib/validations/unattended";
import type { StepProps } from "./steps-source";
import { browserDefaults, type UnattendedDraft } from "./unattended-draft";

const P = "install.unattended";
/** The fields shown only when the script reads their osinfo param, in the order shown. */
const ASKED = [
  { field: "adminPassword", param: "admin-password", secret: true },
  { field: "userLogin", param: "user-login", secret: false },
  { field: "userPassword", param: "user-password", secret: true },
] as const;
const TIME_ZONES_LIST = "unattended-time-zones";
const TIME_ZONE = "timeZone";
const AUTOCOMPLETE_OFF = "new-password";

/**
 * The OS step's "Unattended installation": whether osinfo has an install script for the chosen OS and
 * install method and, when it has, "Install by itself" with what the script asks (the admin password,
 * a user, time zone, language, host name, a product key where the script wants one).
 */
export function UnattendedSection({ draft, set, fields }: Pick<StepProps, "draft" | "set" | "fields">) {
  const t = useTranslations("newGuest.unattended");
  if (draft.method !== "iso" && draft.method !== "url") return null;
  const choices: ScriptChoice[] = draft.advice?.unattended[draft.method] ?? [];
  const u = draft.unattended;
  const change = (patch: Partial<UnattendedDraft>) => set({ unattended: { ...u, ...patch } });
  if (!choices.length) {
    const other = draft.method === "iso" ? (draft.advice?.unattended.url ?? []) : [];
    return (
      <p role="status" className="text-sm" data-testid="unattended-support">
        {t("notSupported")} {other.length ? t("onlyNetwork") : null}
      </p>
    );
  }
  const choice = choices.find((c) => c.profile === u.profile) ?? choices[0];
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{t("legend")}</legend>
      <p role="status" className="text-sm" data-testid="unattended-support">
        {t("supported")}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={u.enabled}
          onChange={(e) => change({ enabled: e.target.checked, ...(e.target.checked && !u.enabled ? browserDefaults() : {}) })}
        />{" "}
        {t("enable")}
      </label>
      {u.enabled ? (
        <>
          {fields[P] ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {fields[P]}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("profile")} error={fields[`${P}.profile`]}>
              <Select value={choice.profile} onChange={(e) => change({ profile: e.target.value as UnattendedDraft["profile"] })}>
                {unattendedProfiles
                  .filter((p) => choices.some((c) => c.profile === p))
                  .map((p) => (
                    <option key={p} value={p}>
                      {t(`profiles.${p}`)}
                    </option>
                  ))}
              </Select>
            </Field>
            <Field label={t("hostname")} hint={t("hostnameHint")} error={fields[`${P}.hostname`]}>
              <Input value={u.hostname} onChange={(e) => change({ hostname: e.target.value })} />
            </Field>
            {ASKED.filter((a) => choice.params.includes(a.param)).map(({ field, param, secret }) => (
              <Field
                key={field}
                label={t(field)}
                hint={choice.required.includes(param) ? t("needed") : t("optional")}
                error={fields[`${P}.${field}`]}
              >
                <Input
                  type={secret ? "password" : "text"}
                  autoComplete={secret ? AUTOCOMPLETE_OFF : undefined}
                  value={u[field]}
                  onChange={(e) => change({ [field]: e.target.value })}
                />
              </Field>
            ))}
            <Field label={t("timezone")} error={fields[`${P}.timezone`]}>
              <Input list={TIME_ZONES_LIST} value={u.timezone} onChange={(e) => change({ timezone: e.target.value })} />
            </Field>
            <Field label={t("language")} hint={t("languageHint")} error={fields[`${P}.language`]}>
              <Input value={u.language} onChange={(e) => change({ language: e.target.value })} />
            </Field>
            {choice.productKeyFormat ? (
              <Field
                label={t("productKey")}
                hint={t("productKeyHint", { format: choice.productKeyFormat.replaceAll("$", "X") })}
                error={fields[`${P}.productKey`]}
              >
                <Input value={u.productKey} onChange={(e) => change({ productKey: e.target.value })} />
              </Field>
            ) : null}
          </div>
          <datalist id={TIME_ZONES_LIST}>
            {Intl.supportedValuesOf(TIME_ZONE).map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p className="text-xs text-slate-500">{t("passwordsNote")}</p>
        </>
      ) : null}
    </fieldset>
  );
}
