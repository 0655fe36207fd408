import { z } from "zod";
import { grantScopes, roles } from "@/lib/roles";

export const usernameSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "Letters, digits, dot, dash and underscore only, starting with a letter or digit");

export const passwordSchema = z.string().min(12, "At least 12 characters").max(1024, "At most 1024 characters");

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().max(128, "At most 128 characters").default(""),
  password: passwordSchema,
  role: z.enum(roles).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().max(128, "At most 128 characters").optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const grantSchema = z
  .object({
    role: z.enum(roles),
    scope: z.enum(grantScopes),
    hostId: z.string().min(1).nullish(),
    guestUuid: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "A guest UUID")
      .nullish(),
  })
  .superRefine((g, ctx) => {
    if (g.scope !== "global" && !g.hostId) ctx.addIssue({ code: "custom", path: ["hostId"], message: "Choose a host" });
    if (g.scope === "guest" && !g.guestUuid) ctx.addIssue({ code: "custom", path: ["guestUuid"], message: "Choose a guest" });
  });
export type GrantInput = z.input<typeof grantSchema>;

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const auditQuerySchema = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  target: z.string().max(256).optional(),
  from: z.iso.datetime({ offset: true, local: true }).optional(),
  to: z.iso.datetime({ offset: true, local: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
