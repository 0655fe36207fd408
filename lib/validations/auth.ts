import { z } from "zod";
import { said } from "./messages";

export const loginSchema = z.object({
  username: z.string().trim().min(1, said("enterYourUserName")).max(64),
  password: z.string().min(1, said("enterYourPassword")).max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** What a sign-in step answers: signed in (the cookie is set), or the next step and its challenge. */
export const signInStepSchema = z.object({
  ok: z.literal(true),
  next: z.enum(["done", "second-factor", "enrol"]),
  challenge: z.string().optional(),
  recoveryCodes: z.array(z.string()).optional(),
  recoveryCodesLeft: z.number().optional(),
});

const challenge = z.string().min(1).max(128);
const code = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, said("sixDigits"));

export const secondFactorSchema = z.union([
  z.object({ challenge, code }),
  z.object({ challenge, recoveryCode: z.string().trim().min(1, said("enterRecoveryCode")).max(64) }),
]);

/** Without a code: show the secret to enrol. With one: confirm it and sign in. */
export const enrolSchema = z.object({ challenge, code: code.optional() });

export const enrolmentSchema = z.object({ secret: z.string(), uri: z.string(), qr: z.string() });

export const totpCodeSchema = z.object({ code });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, said("enterCurrentPassword")).max(1024),
  newPassword: z.string().min(12, said("atLeastChars")).max(1024, said("atMostChars")),
});

/** Turning two-factor sign-in off, or new recovery codes: a code from the app, or a recovery code. */
export const secondFactorAnswerSchema = z.union([z.object({ code }), z.object({ recoveryCode: z.string().trim().min(1).max(64) })]);
