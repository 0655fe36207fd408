import { idParams, updateUserSchema } from "@/lib/validations/users";
import { route } from "@/lib/server/http/route";
import { deleteUser } from "@/lib/server/users/delete-user";
import { updateUser } from "@/lib/server/users/update-user";

export const PATCH = route({ permission: "admin", params: idParams, body: updateUserSchema }, async ({ ctx, params, body }) =>
  updateUser(ctx, { userId: params.id, ...body }),
);

export const DELETE = route({ permission: "admin", params: idParams }, async ({ ctx, params }) => deleteUser(ctx, { userId: params.id }));
