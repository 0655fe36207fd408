import { z } from "zod";
import { confirmEnrolment, startEnrolment } from "@/lib/server/account/two-factor-enrol";
import { disableOwnTwoFactor } from "@/lib/server/account/two-factor-manage";
import { route } from "@/lib/server/http/route";
import { enrolmentSchema, secondFactorAnswerSchema, totpCodeSchema } from "@/lib/validations/auth";

const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const POST = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    summary: "Begin enrolling an authenticator app: its secret and QR code",
    response: enrolmentSchema.extend({ challenge: z.string() }),
  },
  async ({ ctx }) => startEnrolment(ctx),
);

export const PUT = route(
  {
    permission: "authenticated",
    sessionOnly: true,
    body: totpCodeSchema.extend({ challenge: z.string().min(1).max(128) }),
    summary: "Confirm enrolment with the app's first code; answers the recovery codes once",
    response: recoveryCodes,
  },
  async ({ ctx, body }) => confirmEnrolment(ctx, body),
);

export const DELETE = route(
  { permission: "authenticated", sessionOnly: true, body: secondFactorAnswerSchema, summary: "Turn your two-factor sign-in off" },
  async ({ ctx, body }) => disableOwnTwoFactor(ctx, body),
);
