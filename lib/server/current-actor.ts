import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { actorFromToken, SESSION_COOKIE, type Actor } from "./auth/session";

/** For server components: the signed-in person, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await actorFromToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!actor) redirect("/login");
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return actorFromToken((await cookies()).get(SESSION_COOKIE)?.value);
}
