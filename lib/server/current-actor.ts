import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { actorFromToken, SESSION_COOKIE, type Actor } from "./auth/session";
import { clientAddressOf } from "./http/client-address";
import { verbContext, type VerbContext } from "./verb-context";

/** The signed-in person of this request, read once however many layouts, pages and the i18n config ask. */
export const currentActor = cache(async (): Promise<Actor | null> => actorFromToken((await cookies()).get(SESSION_COOKIE)?.value));

/** For server components: the signed-in person, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For server components that call a verb: the person's context, the client address read from the request's headers. */
export async function pageContext(actor: Actor): Promise<VerbContext> {
  const requestHeaders = await headers();
  return verbContext(
    actor,
    clientAddressOf((name) => requestHeaders.get(name)),
  );
}
