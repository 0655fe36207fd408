import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "authenticated" }, async ({ actor }) => ({
  id: actor.id,
  username: actor.username,
  displayName: actor.displayName,
  grants: actor.grants,
}));
