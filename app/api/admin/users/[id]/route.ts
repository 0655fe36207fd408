import { idParams, updateUserSchema } from "@/lib/validations/users";
import { route } from "@/lib/server/http/route";
import { deleteUser } from "@/lib/server/users/delete-user";
import { updateUser } from "@/lib/server/users/update-user";

export const PATCH = route({ permission: "admin", params: idParams, body: updateUserSchema }, async ({ actor, params, body, ip }) =>
  updateUser(actor, params.id, body, ip),
);

export const DELETE = route({ permission: "admin", params: idParams }, async ({ actor, params, ip }) => deleteUser(actor, params.id, ip));
