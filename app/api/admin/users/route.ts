import { createUserSchema } from "@/lib/validations/users";
import { route } from "@/lib/server/http/route";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

export const GET = route({ permission: "admin" }, async () => listUsers());

export const POST = route({ permission: "admin", body: createUserSchema }, async ({ ctx, body }) => createUser(ctx, body));
