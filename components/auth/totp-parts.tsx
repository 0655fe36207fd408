"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export type Enrolment = { secret: string; uri: string; qr: string };

/** The QR code and the secret to type in by hand, then the app's first code to confirm. */
export function TotpEnrolment({
  enrolment,
  busy,
  error,
  onConfirm,
}: {
  enrolment: Enrolment;
  busy: boolean;
  error?: string;
  onConfirm: (code: string) => void;
}) {
  const t = useTranslations("totp");
  const [code, setCode] = useState("");
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(code.trim());
      }}
    >
      <p className="text-sm">{t("scan")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
      <img src={enrolment.qr} alt={t("qrAlt")} width={220} height={220} className="rounded bg-white p-1" />
      <p className="text-sm">
        {t("typeKey")}{" "}
        <code data-testid="totp-secret" className="rounded bg-slate-100 px-1 font-mono text-xs break-all dark:bg-slate-800">
          {enrolment.secret}
        </code>
      </p>
      <Field label={t("appCode")} error={error}>
        <Input
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
        />
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? t("checking") : t("turnOn")}
      </Button>
    </form>
  );
}

/** The recovery codes, shown once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("totp");
  return (
    <section
      aria-labelledby="recovery-codes"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 id="recovery-codes" className="text-sm font-semibold">
        {t("recoveryTitle")}
      </h2>
      <p className="text-sm">{t("recoveryIntro")}</p>
      <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button variant="secondary" type="button" onClick={() => void navigator.clipboard?.writeText(codes.join("\n"))}>
        {t("copyCodes")}
      </Button>
    </section>
  );
}
