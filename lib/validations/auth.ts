import { z } from "zod";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name").max(64),
  password: z.string().min(1, "Enter your password").max(1024),
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
  .regex(/^\d{3}\s?\d{3}$/, "The 6 digits your app shows");

export const secondFactorSchema = z.union([
  z.object({ challenge, code }),
  z.object({ challenge, recoveryCode: z.string().trim().min(1, "Enter a recovery code").max(64) }),
]);

/** Without a code: show the secret to enrol. With one: confirm it and sign in. */
export const enrolSchema = z.object({ challenge, code: code.optional() });

export const enrolmentSchema = z.object({ secret: z.string(), uri: z.string(), qr: z.string() });

export const totpCodeSchema = z.object({ code });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(1024),
  newPassword: z.string().min(12, "At least 12 characters").max(1024, "At most 1024 characters"),
});

/** Turning two-factor sign-in off, or new recovery codes: a code from the app, or a recovery code. */
export const secondFactorAnswerSchema = z.union([z.object({ code }), z.object({ recoveryCode: z.string().trim().min(1).max(64) })]);
