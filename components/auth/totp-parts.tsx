"use client";

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
      <p className="text-sm">Scan this code with an authenticator app (such as FreeOTP, Aegis or Google Authenticator).</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
      <img
        src={enrolment.qr}
        alt="QR code to add this console to an authenticator app"
        width={220}
        height={220}
        className="rounded bg-white p-1"
      />
      <p className="text-sm">
        Or type this key into the app:{" "}
        <code data-testid="totp-secret" className="rounded bg-slate-100 px-1 font-mono text-xs break-all dark:bg-slate-800">
          {enrolment.secret}
        </code>
      </p>
      <Field label="Code from the app" error={error}>
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
        {busy ? "Checking…" : "Turn on two-factor sign-in"}
      </Button>
    </form>
  );
}

/** The recovery codes, shown once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section
      aria-labelledby="recovery-codes"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 id="recovery-codes" className="text-sm font-semibold">
        Your recovery codes
      </h2>
      <p className="text-sm">Keep these somewhere safe. Each signs you in once if you lose your phone. They are shown only now.</p>
      <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button variant="secondary" type="button" onClick={() => void navigator.clipboard?.writeText(codes.join("\n"))}>
        Copy codes
      </Button>
    </section>
  );
}
