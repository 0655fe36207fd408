import { z } from "zod";
import { said } from "./messages";
import { grantScopes, roles, type Grant } from "@/lib/roles";
import { tagSchema } from "./tags";
import { nameSchema } from "./names";

export const usernameSchema = nameSchema("username");
const displayNameSchema = nameSchema("displayName");

export const passwordSchema = z.string().min(12, said("atLeastChars")).max(1024, said("atMostChars"));

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.default(""),
  password: passwordSchema,
  role: z.enum(roles).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, said("nothingToChange"));
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const grantSchema = z
  .object({
    role: z.enum(roles),
    scope: z.enum(grantScopes),
    hostId: z.string().min(1).nullish(),
    guestUuid: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, said("guestUuid"))
      .nullish(),
    /** The tag of a "tag" grant: every guest carrying it, now or later. */
    tag: tagSchema.nullish(),
  })
  .superRefine((g, ctx) => {
    if ((g.scope === "host" || g.scope === "guest") && !g.hostId)
      ctx.addIssue({ code: "custom", path: ["hostId"], message: said("chooseHost") });
    if (g.scope === "tag" && !g.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: said("nameTag") });
    if (g.scope === "guest" && !g.guestUuid) ctx.addIssue({ code: "custom", path: ["guestUuid"], message: said("chooseGuest") });
  });
export type GrantInput = z.input<typeof grantSchema>;

/** A grant as asked for, with only the fields its scope uses (guest UUIDs lower-cased). */
export function grantFromInput(g: GrantInput): Grant {
  return {
    role: g.role,
    scope: g.scope,
    hostId: g.scope === "host" || g.scope === "guest" ? (g.hostId ?? null) : null,
    guestUuid: g.scope === "guest" ? (g.guestUuid?.toLowerCase() ?? null) : null,
    ...(g.scope === "tag" ? { tag: g.tag?.trim().toLowerCase() ?? null } : {}),
  };
}

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
