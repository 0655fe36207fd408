import { grantSchema, idParams } from "@/lib/validations/users";
import { route } from "@/lib/server/http/route";
import { grantRole } from "@/lib/server/users/grant-role";

export const POST = route({ permission: "admin", params: idParams, body: grantSchema }, async ({ ctx, params, body }) =>
  grantRole(ctx, { userId: params.id, ...body }),
);
