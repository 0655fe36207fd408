"use client";

import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { loginSchema } from "@/lib/validations/auth";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { RecoveryCodes, TotpEnrolment, type Enrolment } from "./totp-parts";

type Step = { next: "done" | "second-factor" | "enrol"; challenge?: string; recoveryCodes?: string[] };
type Stage =
  | { kind: "password" }
  | { kind: "second-factor"; challenge: string; recovery: boolean }
  | { kind: "enrol"; challenge: string; enrolment: Enrolment | null }
  | { kind: "codes"; codes: string[] };

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const issueText = useIssueText();
  const [stage, setStage] = useState<Stage>({ kind: "password" });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Only same-site paths: an open redirect after login would be a phishing aid.
  const goOn = () => window.location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await work();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : t("unreachable"));
      if (err instanceof ApiRequestError) setFields(err.fields);
      // The sign-in under way ended (expired, too many wrong codes): start from the password again.
      if (err instanceof ApiRequestError && err.status === 410) setStage({ kind: "password" });
    } finally {
      setBusy(false);
    }
  };

  const afterStep = async (step: Step) => {
    if (step.next === "done") return step.recoveryCodes ? setStage({ kind: "codes", codes: step.recoveryCodes }) : goOn();
    if (step.next === "second-factor") return setStage({ kind: "second-factor", challenge: step.challenge!, recovery: false });
    const enrolment = await api<Enrolment>("/api/auth/login/enrol", { body: { challenge: step.challenge } });
    setStage({ kind: "enrol", challenge: step.challenge!, enrolment });
  };

  const submitPassword = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = loginSchema.safeParse({ username: form.get("username"), password: form.get("password") });
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), issueText(i)])));
      return;
    }
    void run(async () => afterStep(await api<Step>("/api/auth/login", { body: parsed.data })));
  };

  const submitCode = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (stage.kind !== "second-factor") return;
    const value = String(new FormData(e.currentTarget).get("code") ?? "").trim();
    const body = stage.recovery ? { challenge: stage.challenge, recoveryCode: value } : { challenge: stage.challenge, code: value };
    void run(async () => afterStep(await api<Step>("/api/auth/login/second-factor", { body })));
  };

  const confirmEnrolment = (code: string) => {
    if (stage.kind !== "enrol") return;
    void run(async () => afterStep(await api<Step>("/api/auth/login/enrol", { body: { challenge: stage.challenge, code } })));
  };

  const alert = error ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      {error}
    </p>
  ) : null;

  if (stage.kind === "codes")
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={stage.codes} />
        <Button className="w-full" onClick={goOn}>
          {t("continue")}
        </Button>
      </div>
    );
  if (stage.kind === "enrol")
    return (
      <div className="space-y-4">
        {alert}
        <p className="text-sm">{t("enrolIntro")}</p>
        {stage.enrolment ? (
          <TotpEnrolment enrolment={stage.enrolment} busy={busy} error={fields.code} onConfirm={confirmEnrolment} />
        ) : null}
      </div>
    );
  if (stage.kind === "second-factor")
    return (
      <form onSubmit={submitCode} noValidate className="space-y-4" key={String(stage.recovery)}>
        {alert}
        <Field label={stage.recovery ? t("recoveryCode") : t("appCode")} error={fields.code ?? fields.recoveryCode}>
          <Input name="code" autoComplete="one-time-code" inputMode={stage.recovery ? "text" : "numeric"} autoFocus required />
        </Field>
        <Button type="submit" disabled={busy} className="w-full">
          {busy ? t("checking") : t("verify")}
        </Button>
        <button
          type="button"
          className="text-sm text-blue-700 underline dark:text-blue-300"
          onClick={() => setStage({ ...stage, recovery: !stage.recovery })}
        >
          {stage.recovery ? t("useAppCode") : t("useRecoveryCode")}
        </button>
      </form>
    );
  return (
    <form onSubmit={submitPassword} noValidate className="space-y-4">
      {alert}
      <Field label={t("userName")} error={fields.username}>
        <Input name="username" autoComplete="username" autoFocus required />
      </Field>
      <Field label={t("password")} error={fields.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
